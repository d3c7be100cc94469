package io.docqa.api;

import io.docqa.api.ApiDtos.CollectionResponse;
import io.docqa.api.ApiDtos.CreateCollectionRequest;
import io.docqa.api.ApiDtos.CollectionUpdateResponse;
import io.docqa.api.ApiDtos.UpdateCollectionRequest;
import jakarta.ws.rs.PATCH;
import io.docqa.api.ApiDtos.DocumentResponse;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.CollectionLanguages;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentAttributes.Attributes;
import io.docqa.corpus.DocumentTags;
import io.docqa.corpus.FusionWeights;
import io.docqa.corpus.FusionWeights.Weights;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.corpus.DocumentCollection;
import io.docqa.api.ApiDtos.UploadResponse;
import io.docqa.api.ApiDtos.UploadedDocument;
import io.docqa.corpus.DocumentRepository;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.ZipUploads;
import jakarta.ws.rs.QueryParam;
import io.docqa.ingest.parse.DocumentRejectedException;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.util.Map;
import java.util.Optional;
import io.docqa.corpus.CollectionPipelines;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import java.util.List;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Role;
import io.docqa.security.SecurityConfig;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;

@Path("/collections")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CollectionResource {

    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final AccessPolicy access;
    private final MembershipRepository members;
    private final AuditLog audit;
    private final SecurityConfig securityConfig;
    private final CollectionPipelines collectionPipelines;
    private final PipelineRegistry pipelines;
    private final ZipUploads zipUploads;
    private final FusionWeights fusionWeights;
    private final DocumentAttributes attributes;
    private final RetrieveConfig retrieveConfig;
    private final CollectionLanguages languages;

    public CollectionResource(CollectionRepository collections, DocumentRepository documents, IngestService ingest,
            AccessPolicy access, MembershipRepository members, AuditLog audit, SecurityConfig securityConfig,
            CollectionPipelines collectionPipelines, PipelineRegistry pipelines, ZipUploads zipUploads,
            FusionWeights fusionWeights, DocumentAttributes attributes, RetrieveConfig retrieveConfig,
            CollectionLanguages languages) {
        this.languages = languages;
        this.fusionWeights = fusionWeights;
        this.attributes = attributes;
        this.retrieveConfig = retrieveConfig;
        this.zipUploads = zipUploads;
        this.collectionPipelines = collectionPipelines;
        this.pipelines = pipelines;
        this.collections = collections;
        this.documents = documents;
        this.ingest = ingest;
        this.access = access;
        this.members = members;
        this.audit = audit;
        this.securityConfig = securityConfig;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response create(CreateCollectionRequest request, @Context SecurityContext security) {
        String name = request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("A collection needs a name: send {\"name\": \"...\"}.");
        }
        if (name.length() > DocumentCollection.NAME_MAX_LENGTH) {
            throw ApiException.badRequest("A collection name may have at most " + DocumentCollection.NAME_MAX_LENGTH + " characters.");
        }
        String pipeline = request.pipeline() == null || request.pipeline().isBlank() ? PipelineDefinition.DEFAULT
                : request.pipeline().strip();
        requirePipeline(pipeline);
        requireWeights(request.bm25Weight(), request.vectorWeight(), Weights.DEFAULT);
        CollectionLanguage language = request.language() == null || request.language().isBlank()
                ? CollectionLanguage.DEFAULT
                : CollectionLanguage.byCode(request.language()).orElseThrow(() -> ApiException.badRequest(
                        "Unknown language \"" + request.language().strip() + "\"; use one of " + CollectionLanguage.codes() + "."));
        Caller caller = Callers.of(security);
        DocumentCollection created = collections.create(name, caller.username(), language);
        if (!PipelineDefinition.DEFAULT.equals(pipeline)) {
            collectionPipelines.setPipeline(created.id(), pipeline);
        }
        if (request.bm25Weight() != null || request.vectorWeight() != null) {
            fusionWeights.set(created.id(), request.bm25Weight(), request.vectorWeight());
        }
        if (!caller.isAdmin()) { // an editor's new collection is theirs to fill
            members.grant(created.id(), caller.username(), Role.EDITOR, caller.username());
        }
        audit.record(caller.username(), AuditAction.CREATE_COLLECTION, List.of(created.id()), name, Map.of());
        return Response.created(URI.create("/api/collections/" + created.id()))
                .entity(response(created, pipeline, fusionWeights.of(created.id()), language)).build();
    }

    @GET
    public List<CollectionResponse> list(@Context SecurityContext security) {
        Map<Long, String> chosen = collectionPipelines.all();
        List<DocumentCollection> readable = access.readableCollections(Callers.of(security));
        Map<Long, Weights> weights = fusionWeights.of(readable.stream().map(DocumentCollection::id).toList());
        Map<Long, CollectionLanguage> spoken = languages.all();
        return readable.stream().map(c -> response(c, chosen.getOrDefault(c.id(), PipelineDefinition.DEFAULT),
                weights.getOrDefault(c.id(), Weights.DEFAULT), spoken.getOrDefault(c.id(), CollectionLanguage.DEFAULT)))
                .toList();
    }

    @GET
    @Path("/{id}")
    public CollectionResponse get(@PathParam("id") long id, @Context SecurityContext security) {
        DocumentCollection c = access.requireReadable(Callers.of(security), id);
        return response(c, collectionPipelines.pipelineOf(id).orElse(PipelineDefinition.DEFAULT), fusionWeights.of(id),
                languages.of(id));
    }

    /**
     * Changes a collection's settings: each field present in the body is applied ({@code pipeline},
     * {@code bm25Weight}, {@code vectorWeight}); absent fields are left as they are. Needs write access. A new
     * {@code pipeline} re-processes every document from its stored original as one batch; searches keep the current
     * chunks of each document until its new chunks replace them.
     */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public CollectionUpdateResponse update(@PathParam("id") long id, UpdateCollectionRequest request,
            @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        DocumentCollection collection = access.requireWritable(caller, id);
        if (request == null || (request.pipeline() == null && request.bm25Weight() == null
                && request.vectorWeight() == null)) {
            throw ApiException.badRequest("Nothing to change: send the fields to change, e.g. {\"pipeline\": \"contracts\"}"
                    + " or {\"bm25Weight\": 0.5, \"vectorWeight\": 1.0}.");
        }
        String pipeline = request.pipeline() == null ? null : request.pipeline().strip();
        if (pipeline != null) {
            requirePipeline(pipeline);
        }
        requireWeights(request.bm25Weight(), request.vectorWeight(), fusionWeights.of(id));
        if (request.bm25Weight() != null || request.vectorWeight() != null) {
            fusionWeights.set(id, request.bm25Weight(), request.vectorWeight());
        }
        String previous = collectionPipelines.pipelineOf(id).orElse(PipelineDefinition.DEFAULT);
        IngestService.Reprocessing reprocessing = new IngestService.Reprocessing(null, 0);
        if (pipeline != null) {
            try {
                reprocessing = ingest.changePipeline(id, pipeline, caller.username());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            if (!pipeline.equals(previous)) {
                audit.record(caller.username(), AuditAction.UPDATE_COLLECTION, List.of(id), collection.name(),
                        Map.of("pipeline", pipeline, "previousPipeline", previous,
                                "reprocessing", Integer.toString(reprocessing.documents())));
            }
        }
        CollectionResponse updated = response(collection,
                collectionPipelines.pipelineOf(id).orElse(PipelineDefinition.DEFAULT), fusionWeights.of(id),
                languages.of(id));
        return CollectionUpdateResponse.of(updated, reprocessing.batchId(), reprocessing.documents());
    }

    @GET
    @Path("/{id}/documents")
    public RestResponse<List<DocumentResponse>> documents(@PathParam("id") long id,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        access.requireReadable(Callers.of(security), id);
        List<Document> docs;
        if (offset == null && limit == null) {
            docs = documents.findByCollection(id); // every document, in upload order
        } else {
            // one page in upload order, for collections too large to list at once; X-Total-Count says how many there are
            int from = offset == null ? 0 : offset;
            int size = limit == null ? MAX_PAGE : limit;
            if (from < 0 || size < 1 || size > MAX_PAGE) {
                throw ApiException.badRequest("offset must be 0 or more and limit between 1 and " + MAX_PAGE + ".");
            }
            docs = documents.pageOfCollection(id, DocumentRepository.Order.UPLOADED, from, size);
        }
        List<Long> ids = docs.stream().map(Document::id).toList();
        Map<Long, Attributes> attrs = attributes.of(ids);
        Map<Long, List<String>> warnings = documents.warningsOf(ids);
        List<DocumentResponse> body = docs.stream().map(d -> DocumentResponse.of(d,
                attrs.getOrDefault(d.id(), Attributes.NONE), warnings.getOrDefault(d.id(), List.of()))).toList();
        return RestResponse.ResponseBuilder.ok(body).header("X-Total-Count", documents.countInCollection(id)).build();
    }

    /** Largest page of {@code GET /api/collections/{id}/documents}. */
    static final int MAX_PAGE = 1000;

    private CollectionResponse response(DocumentCollection c, String pipeline, Weights weights,
            CollectionLanguage language) {
        return CollectionResponse.of(c, pipeline,
                weights.bm25() == null ? retrieveConfig.bm25Weight() : weights.bm25(),
                weights.vector() == null ? retrieveConfig.vectorWeight() : weights.vector(), language);
    }

    private void requirePipeline(String pipeline) {
        if (pipelines.find(pipeline).isEmpty()) {
            throw ApiException.badRequest("There is no ingestion pipeline named \"" + pipeline + "\"; available: "
                    + pipelines.all().stream().map(PipelineDefinition::name).toList() + ".");
        }
    }

    /** Each weight in [0, MAX_WEIGHT]; the two (as they will be after the change) must not both be 0. */
    private void requireWeights(Double bm25, Double vector, Weights current) {
        for (Double w : new Double[] {bm25, vector}) {
            if (w != null && !(w >= 0 && w <= FusionWeights.MAX_WEIGHT)) {
                throw ApiException.badRequest("bm25Weight and vectorWeight must be numbers between 0 and "
                        + FusionWeights.MAX_WEIGHT + ".");
            }
        }
        double b = bm25 != null ? bm25 : current.bm25() != null ? current.bm25() : retrieveConfig.bm25Weight();
        double v = vector != null ? vector : current.vector() != null ? current.vector() : retrieveConfig.vectorWeight();
        if (b == 0 && v == 0) {
            throw ApiException.badRequest("bm25Weight and vectorWeight cannot both be 0: nothing would be found.");
        }
    }

    /**
     * Uploads one or more files (multipart parts named "file"); each is ingested in the background. The files of one
     * request form a batch ({@code batchId} in the answer; see GET /api/batches/{id}). With {@code ?expand=true} each
     * .zip file is unpacked and its members become documents.
     */
    @POST
    @Path("/{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response upload(@PathParam("id") long collectionId, @RestForm("file") List<FileUpload> files,
            @RestForm("tags") String tagsField, @QueryParam("expand") boolean expand, @Context SecurityContext security) {
        access.requireWritable(Callers.of(security), collectionId);
        List<String> tags;
        try {
            tags = DocumentTags.parseCommaSeparated(tagsField);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (files == null || files.isEmpty()) {
            throw ApiException.badRequest("No file received: send one or more multipart parts named 'file'.");
        }
        int maxFiles = securityConfig.upload().maxFilesPerRequest();
        if (files.size() > maxFiles) {
            throw new ApiException(413, files.size() + " files in one request; at most " + maxFiles + " are accepted.");
        }
        refuseWhenEveryFileIsRefused(files);
        String user = security.getUserPrincipal().getName();
        String batchId = IngestService.newBatchId();
        List<UploadedDocument> accepted = new ArrayList<>(files.size());
        for (FileUpload file : files) {
            if (expand && ZipUploads.isZip(file.fileName())) { // ?expand=true: each member becomes a document
                zipUploads.submitMembers(collectionId, file.uploadedFile(), file.fileName(), user, batchId).stream()
                        .peek(d -> tag(d.id(), tags)).map(UploadedDocument::of).forEach(accepted::add);
                continue;
            }
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                UploadedDocument doc = UploadedDocument.of(ingest.submit(collectionId, file.fileName(), in, user, batchId));
                tag(doc.id(), tags);
                accepted.add(doc);
                audit.record(user, AuditAction.UPLOAD, List.of(collectionId), Long.toString(doc.id()),
                        Map.of("name", doc.name(), "status", doc.status()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the upload of " + file.fileName(), e);
            }
        }
        return Response.accepted(new UploadResponse(accepted, batchId)).build();
    }

    private void tag(long documentId, List<String> tags) {
        if (!tags.isEmpty()) {
            attributes.setTags(documentId, tags);
        }
    }

    /**
     * When no file of a request can be accepted for one reason — all too large (413) or all of a type DocQA does
     * not read (415) — the request fails as a whole and nothing is stored. Otherwise each refused file is recorded
     * as FAILED beside its accepted batch-mates.
     */
    private void refuseWhenEveryFileIsRefused(List<FileUpload> files) {
        List<DocumentRejectedException> refusals = new ArrayList<>();
        for (FileUpload file : files) {
            Optional<DocumentRejectedException> refused = ingest.precheck(file.uploadedFile(), file.fileName());
            if (refused.isEmpty()) {
                return;
            }
            refusals.add(refused.get());
        }
        String message = refusals.size() == 1 ? refusals.get(0).getMessage()
                : String.join(" ", files.stream().map(FileUpload::fileName).toList()) + ": "
                        + refusals.stream().map(DocumentRejectedException::getMessage).distinct().toList();
        if (refusals.stream().allMatch(r -> r.reason() == Reason.TOO_LARGE)) {
            throw new ApiException(413, message);
        }
        if (refusals.stream().allMatch(r -> r.reason() == Reason.UNSUPPORTED_TYPE || r.reason() == Reason.TYPE_MISMATCH)) {
            throw new ApiException(415, message);
        }
    }

}
