package io.docqa.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.embedding.EmbeddingConfig;
import io.docqa.evaluate.EvalDataset.SourceDocument;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.jobs.JobsConfig;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.RetrieverKind;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs evaluations one at a time in the background: reads the dataset, ingests its documents through the normal
 * pipeline into a dedicated collection (documents already there by name are reused, so a second run does not
 * ingest again), waits until every document is READY or FAILED, then runs each retriever on every query and
 * stores the metrics.
 */
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);
    private static final long POLL_MILLIS = 500;

    private final DatasetLoader loader = new DatasetLoader();
    private final EvalRunRepository runs;
    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final RetrieveConfig retrieveConfig;
    private final EmbeddingConfig embeddingConfig;
    private final AnswerEvaluation answerEvaluation;
    private final PipelineRegistry pipelines;
    private final RetrievalEvaluation retrievalEvaluation;
    private final ObjectMapper json = new ObjectMapper();
    private final JobsConfig jobsConfig;
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("docqa-evaluation-leases").daemon().factory());
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "docqa-evaluation");
        t.setDaemon(true);
        return t;
    });

    public EvaluationService(EvalRunRepository runs, CollectionRepository collections, DocumentRepository documents,
            IngestService ingest, RetrieveConfig retrieveConfig,
            EmbeddingConfig embeddingConfig, AnswerEvaluation answerEvaluation, RetrievalEvaluation retrievalEvaluation,
            PipelineRegistry pipelines, JobsConfig jobsConfig) {
        this.jobsConfig = jobsConfig;
        this.pipelines = pipelines;
        this.retrievalEvaluation = retrievalEvaluation;
        this.answerEvaluation = answerEvaluation;
        this.runs = runs;
        this.collections = collections;
        this.documents = documents;
        this.ingest = ingest;
        this.retrieveConfig = retrieveConfig;
        this.embeddingConfig = embeddingConfig;
    }

    /**
     * Runs held by live instances are theirs; only an earlier run under this very instance id is known to be gone.
     * Then the heartbeat renews this instance's runs and the reaper fails runs whose instance stopped, every third
     * of the lease.
     */
    void onStart(@Observes StartupEvent event) {
        int failed = runs.failOwn();
        if (failed > 0) {
            LOG.infof("Marked %d evaluation run(s) interrupted by the last shutdown as FAILED", failed);
        }
        long beat = Math.max(100, jobsConfig.lease().toMillis() / 3);
        leases.scheduleWithFixedDelay(this::renewAndReap, beat, beat, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        leases.shutdownNow();
        executor.shutdownNow();
    }

    /** One beat: renews the leases of this instance's runs, then fails runs whose instance stopped. */
    void renewAndReap() {
        try {
            runs.renewOwn();
            int failed = runs.failExpired();
            if (failed > 0) {
                LOG.infof("Marked %d evaluation run(s) FAILED: the instance running them stopped", failed);
            }
        } catch (RuntimeException e) { // the next beat tries again
            LOG.warn("Could not renew or check evaluation run leases", e);
        }
    }

    /**
     * Checks the request, reads the dataset (so that a bad one is refused at once), stores the run as RUNNING and
     * queues it. Throws {@link InvalidDatasetException} or {@link IllegalArgumentException} for bad input.
     */
    public EvalRun start(EvalRequest request, String user) {
        if (request == null || request.dataset() == null || request.dataset().isBlank()) {
            throw new IllegalArgumentException("\"dataset\" must name a dataset directory on the server.");
        }
        List<RetrieverKind> kinds = parseKinds(request.retrievers());
        Path dir = Path.of(request.dataset().strip()).toAbsolutePath().normalize();
        int limit = request.limitQueries() == null ? 0 : request.limitQueries();
        if (limit < 0) {
            throw new IllegalArgumentException("\"limitQueries\" must not be negative.");
        }
        String split = request.split() == null || request.split().isBlank() ? null : request.split().strip();
        if (split != null && !DatasetLoader.SPLITS.contains(split)) {
            throw new IllegalArgumentException("\"split\" must be dev or test.");
        }
        EvalDataset dataset = loader.load(dir).split(split).limitQueries(limit);
        if (dataset.queries().isEmpty()) {
            throw new InvalidDatasetException("Dataset " + dir + " has no queries" + (split == null ? "." : " in split " + split + "."));
        }
        String collectionName = request.collection() == null || request.collection().isBlank()
                ? "eval-" + dataset.name() : request.collection().strip();
        if (collectionName.length() > DocumentCollection.NAME_MAX_LENGTH) {
            throw new IllegalArgumentException("The collection name is too long.");
        }
        ObjectNode config = json.createObjectNode();
        config.put("collection", collectionName);
        config.put("limitQueries", limit);
        config.put("depth", RetrievalEvaluation.DEPTH);
        config.put("fusionDepth", retrieveConfig.depth());
        config.put("rrfK", retrieveConfig.rrfK());
        config.put("bm25Weight", retrieveConfig.bm25Weight());
        config.put("vectorWeight", retrieveConfig.vectorWeight());
        config.put("efSearch", retrieveConfig.efSearch());
        config.put("embeddingModel", embeddingConfig.model());
        config.put("split", split);
        String pipeline = request.pipeline() == null || request.pipeline().isBlank() ? null : request.pipeline().strip();
        if (pipeline != null && pipelines.find(pipeline).isEmpty()) {
            throw new IllegalArgumentException("Unknown pipeline \"" + pipeline + "\".");
        }
        config.put("pipeline", pipeline);
        config.put("answers", request.withAnswers());
        List<String> ids = kinds.stream().map(RetrieverKind::id).toList();
        EvalRun run = runs.insert(dir.toString(), dataset.name(), ids, config, user);
        executor.submit(() -> execute(run.id(), dataset, kinds, collectionName, pipeline, request.withAnswers(), user));
        return run;
    }

    private static List<RetrieverKind> parseKinds(List<String> requested) {
        List<String> wanted = requested == null || requested.isEmpty() ? List.of("bm25", "vector", "hybrid") : requested;
        LinkedHashSet<RetrieverKind> kinds = new LinkedHashSet<>();
        for (String id : wanted) {
            for (String part : id.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                kinds.add(RetrieverKind.byId(part).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown retriever \"" + part.strip() + "\": use one of " + RetrieverKind.ids() + ".")));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("Name at least one retriever.");
        }
        return List.copyOf(kinds);
    }

    private void execute(long runId, EvalDataset dataset, List<RetrieverKind> kinds, String collectionName,
            String pipeline, boolean withAnswers, String user) {
        try {
            DocumentCollection collection = collections.findByName(collectionName)
                    .orElseGet(() -> create(collectionName, pipeline, user));
            runs.updateProgress(runId, dataset.format().name(), collection.id(), "ingesting");
            ObjectNode ingestSummary = ingestAll(runId, dataset, collection, user);
            Map<Long, String> keyByDocument = new HashMap<>();
            for (Document d : documents.findByCollection(collection.id())) {
                keyByDocument.put(d.id(), RetrievalEvaluation.keyOf(dataset, d.name()));
            }
            ObjectNode results = json.createObjectNode();
            results.put("queries", dataset.queries().size());
            results.set("ingest", ingestSummary);
            var rows = results.putArray("retrievers");
            for (RetrieverKind kind : kinds) {
                RetrieverResult r = retrievalEvaluation.evaluate(dataset, kind, collection.id(), keyByDocument,
                        n -> runs.updateProgress(runId, null, null, "querying " + kind.id() + ": " + n));
                rows.add(json.valueToTree(r));
                LOG.infof("Evaluation %d, %s on %s: nDCG@10 %.4f, R@100 %.4f, p95 %.1f ms", runId, kind.id(),
                        dataset.name(), r.ndcg10(), r.recall100(), r.p95Ms());
            }
            if (withAnswers) {
                int total = dataset.queries().size();
                AnswerResult a = answerEvaluation.evaluate(dataset.queries(), collection.id(), done -> {
                    if (done % 10 == 0) {
                        runs.updateProgress(runId, null, null, "answering: " + done + " of " + total);
                    }
                });
                results.set("answers", json.valueToTree(a));
                LOG.infof("Evaluation %d, answers (%s) on %s: citation hit %.3f, abstention %.3f, false abstention %.3f",
                        runId, a.mode(), dataset.name(), a.citationHit(), a.abstention(), a.falseAbstention());
            }
            if (!runs.finish(runId, EvalRun.Status.DONE, results, null)) {
                LOG.warnf("Evaluation run %d finished after another instance failed it (this instance's lease ran out);"
                        + " its result is dropped", runId);
            }
        } catch (RuntimeException e) {
            LOG.error("Evaluation run " + runId + " failed", e);
            runs.finish(runId, EvalRun.Status.FAILED, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private DocumentCollection create(String name, String pipeline, String user) {
        try {
            DocumentCollection created = collections.create(name, user);
            if (pipeline != null) {
                collections.setPipeline(created.id(), pipeline);
            }
            return created;
        } catch (DuplicateNameException e) { // created meanwhile
            return collections.findByName(name).orElseThrow(() -> e);
        }
    }

    /** Submits the documents the collection does not have yet and waits; failures are counted by error code. */
    private ObjectNode ingestAll(long runId, EvalDataset dataset, DocumentCollection collection, String user) {
        Map<String, Document> present = new HashMap<>();
        documents.findByCollection(collection.id()).forEach(d -> present.putIfAbsent(d.name(), d));
        int submitted = 0;
        int reused = 0;
        for (SourceDocument doc : dataset.documents()) {
            if (present.containsKey(doc.fileName())) {
                reused++;
                continue;
            }
            try (InputStream in = open(doc)) {
                ingest.submit(collection.id(), doc.fileName(), in, user);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + doc.fileName(), e);
            }
            submitted++;
            if (submitted % 200 == 0) {
                runs.updateProgress(runId, null, null, "submitting documents: " + submitted);
            }
        }
        long lastReport = 0;
        while (true) {
            List<Document> all = documents.findByCollection(collection.id());
            long pending = all.stream().filter(d -> d.status() == DocumentStatus.QUEUED
                    || d.status() == DocumentStatus.PROCESSING).count();
            if (pending == 0) {
                ingest.awaitSearchable(); // READY in PostgreSQL may precede the Lucene commit by a moment
                ObjectNode summary = json.createObjectNode();
                Map<String, Integer> failures = new TreeMap<>();
                all.stream().filter(d -> d.status() == DocumentStatus.FAILED)
                        .forEach(d -> failures.merge(d.errorCode() == null ? "UNKNOWN" : d.errorCode(), 1, Integer::sum));
                summary.put("datasetDocuments", dataset.documents().size());
                summary.put("submitted", submitted);
                summary.put("reused", reused);
                summary.put("ready", all.stream().filter(d -> d.status() == DocumentStatus.READY).count());
                summary.put("failed", failures.values().stream().mapToInt(Integer::intValue).sum());
                summary.set("failures", json.valueToTree(failures));
                summary.put("chunks", all.stream().mapToLong(Document::chunks).sum());
                return summary;
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                runs.updateProgress(runId, null, null, "ingesting: " + (all.size() - pending) + " of " + all.size()
                        + " documents done");
                lastReport = System.nanoTime();
            }
            sleep();
        }
    }

    private static InputStream open(SourceDocument doc) throws IOException {
        return doc.file() != null ? Files.newInputStream(doc.file())
                : new ByteArrayInputStream(doc.text().getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Evaluation interrupted", e);
        }
    }

    public List<EvalRun> recent(int limit) {
        return runs.findRecent(limit);
    }

    public EvalRun get(long id) {
        return runs.require(id);
    }
}
