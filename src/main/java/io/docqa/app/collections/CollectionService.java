package io.docqa.app.collections;

import io.docqa.app.UseCaseException;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentCollection.Weights;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creating, reading and re-configuring collections. REST and the UI both come here, so a collection made in the
 * browser passes the same name, pipeline, weight and language checks as one made through the API.
 */
@ApplicationScoped
public class CollectionService {

    private final CollectionRepository collections;
    private final CollectionAccess access;
    private final MembershipRepository members;
    private final PipelineRegistry pipelines;
    private final IngestService ingest;
    private final RetrieveConfig retrieveConfig;
    private final AuditLog audit;

    public CollectionService(CollectionRepository collections, CollectionAccess access, MembershipRepository members,
            PipelineRegistry pipelines, IngestService ingest, RetrieveConfig retrieveConfig, AuditLog audit) {
        this.collections = collections;
        this.access = access;
        this.members = members;
        this.pipelines = pipelines;
        this.ingest = ingest;
        this.retrieveConfig = retrieveConfig;
        this.audit = audit;
    }

    /** Creates a collection; an editor becomes its editor member, so that they can fill it. */
    public CollectionDetails create(Caller claimed, NewCollection request) {
        Caller caller = access.editor(claimed);
        String name = request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            throw UseCaseException.invalid("A collection needs a name: send {\"name\": \"...\"}.");
        }
        if (name.length() > DocumentCollection.NAME_MAX_LENGTH) {
            throw UseCaseException.invalid("A collection name may have at most " + DocumentCollection.NAME_MAX_LENGTH
                    + " characters.");
        }
        String pipeline = request.pipeline() == null || request.pipeline().isBlank() ? PipelineDefinition.DEFAULT
                : request.pipeline().strip();
        requirePipeline(pipeline);
        Weights weights = new Weights(request.bm25Weight(), request.vectorWeight());
        requireWeights(weights, Weights.DEFAULT);
        CollectionLanguage language = language(request.language());
        DocumentCollection created;
        try {
            created = collections.create(name, caller.username(), pipeline, weights, language);
        } catch (DuplicateNameException e) {
            throw UseCaseException.conflict(e.getMessage());
        }
        if (!caller.isAdmin()) { // an editor's new collection is theirs to fill
            members.grant(created.id(), caller.username(), Role.EDITOR, caller.username());
        }
        audit.record(caller.username(), AuditAction.CREATE_COLLECTION, List.of(created.id()), name, Map.of());
        return details(created);
    }

    /** The collections the caller may read. */
    public List<CollectionDetails> readable(Caller claimed) {
        return access.readableCollections(access.current(claimed)).stream().map(this::details).toList();
    }

    /** The collections the caller may change (upload to, delete from, re-configure). */
    public List<CollectionDetails> writable(Caller claimed) {
        return access.writableCollections(access.current(claimed)).stream().map(this::details).toList();
    }

    public CollectionDetails get(Caller claimed, long id) {
        return details(access.readable(access.current(claimed), id));
    }

    /**
     * Applies each field of the change that is set. A new pipeline re-processes every document from its stored
     * original as one batch; searches keep the current chunks of each document until its new ones replace them.
     */
    public CollectionUpdated update(Caller claimed, long id, CollectionChange change) {
        Caller caller = access.editor(claimed);
        DocumentCollection collection = access.writable(caller, id);
        if (change == null || change.isEmpty()) {
            throw UseCaseException.invalid("Nothing to change: send the fields to change, e.g. {\"pipeline\": \"contracts\"}"
                    + " or {\"bm25Weight\": 0.5, \"vectorWeight\": 1.0}.");
        }
        String pipeline = change.pipeline() == null ? null : change.pipeline().strip();
        if (pipeline != null) {
            requirePipeline(pipeline);
        }
        requireWeights(new Weights(change.bm25Weight(), change.vectorWeight()), collection.weights());
        Map<String, String> detail = new LinkedHashMap<>();
        if (change.bm25Weight() != null || change.vectorWeight() != null) {
            collections.setWeights(id, change.bm25Weight(), change.vectorWeight());
            Weights after = collection.weights().with(change.bm25Weight(), change.vectorWeight());
            detail.put("bm25Weight", String.valueOf(after.bm25()));
            detail.put("vectorWeight", String.valueOf(after.vector()));
        }
        IngestService.Reprocessing reprocessing = new IngestService.Reprocessing(null, 0);
        if (pipeline != null && !pipeline.equals(collection.pipeline())) {
            try {
                reprocessing = ingest.changePipeline(id, pipeline, caller.username());
            } catch (IllegalArgumentException e) {
                throw UseCaseException.invalid(e.getMessage());
            }
            detail.put("pipeline", pipeline);
            detail.put("previousPipeline", collection.pipeline());
            detail.put("reprocessing", Integer.toString(reprocessing.documents()));
        }
        if (!detail.isEmpty()) { // weights or another pipeline: who changed how the collection is searched or read
            audit.record(caller.username(), AuditAction.UPDATE_COLLECTION, List.of(id), collection.name(), detail);
        }
        return new CollectionUpdated(details(collections.require(id)), reprocessing.batchId(), reprocessing.documents());
    }

    private CollectionDetails details(DocumentCollection c) {
        Weights w = c.weights();
        return new CollectionDetails(c, w.bm25() == null ? retrieveConfig.bm25Weight() : w.bm25(),
                w.vector() == null ? retrieveConfig.vectorWeight() : w.vector());
    }

    private static CollectionLanguage language(String code) {
        if (code == null || code.isBlank()) {
            return CollectionLanguage.DEFAULT;
        }
        return CollectionLanguage.byCode(code).orElseThrow(() -> UseCaseException.invalid(
                "Unknown language \"" + code.strip() + "\"; use one of " + CollectionLanguage.codes() + "."));
    }

    private void requirePipeline(String pipeline) {
        if (pipelines.find(pipeline).isEmpty()) {
            throw UseCaseException.invalid("There is no ingestion pipeline named \"" + pipeline + "\"; available: "
                    + pipelines.all().stream().map(PipelineDefinition::name).toList() + ".");
        }
    }

    /** Each weight in [0, MAX_WEIGHT]; the two (as they will be after the change) must not both be 0. */
    private void requireWeights(Weights requested, Weights current) {
        for (Double w : new Double[] {requested.bm25(), requested.vector()}) {
            if (w != null && !(w >= 0 && w <= Weights.MAX_WEIGHT)) {
                throw UseCaseException.invalid("bm25Weight and vectorWeight must be numbers between 0 and "
                        + Weights.MAX_WEIGHT + ".");
            }
        }
        Weights after = current.with(requested.bm25(), requested.vector());
        double b = after.bm25() != null ? after.bm25() : retrieveConfig.bm25Weight();
        double v = after.vector() != null ? after.vector() : retrieveConfig.vectorWeight();
        if (b == 0 && v == 0) {
            throw UseCaseException.invalid("bm25Weight and vectorWeight cannot both be 0: nothing would be found.");
        }
    }
}
