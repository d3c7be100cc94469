package io.docqa.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.docqa.retrieve.llm.LlmAssistedRetriever;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.cluster.Instance;
import io.quarkus.runtime.ShutdownEvent;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Evaluation runs as queued work shared by the instances. A request is checked here and stored QUEUED; on every
 * instance that runs workers ({@link Instance#runsWorkers()}) one runner thread claims queued runs one at a time
 * (under a lease, see {@link EvalRunRepository}) and runs each: reads the dataset, ingests its documents through the
 * normal pipeline into a dedicated collection (documents already there by name are reused, so a second run does not
 * ingest again), waits until every document is READY or FAILED, then runs each retriever on every query and stores
 * the metrics. A run whose instance stopped is queued again when its lease runs out and run again from the start by
 * whichever instance claims it, at most {@code docqa.evaluate.max-attempts} times; a normal stop hands the run back at
 * once.
 */
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);
    private static final long POLL_MILLIS = 500;
    /** How often an idle runner looks for queued runs (a start on this instance wakes it at once). */
    private static final long RUNNER_POLL_SECONDS = 2;
    /** How long a normal stop lets the running evaluation notice the interrupt before handing it back. */
    private static final long STOP_GRACE_SECONDS = 5;

    private final DatasetLoader loader = new DatasetLoader();
    private final EvalRunRepository runs;
    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final RetrieveConfig retrieveConfig;
    private final LlmAssistedRetriever llmRetrieval;
    private final EmbeddingConfig embeddingConfig;
    private final AnswerEvaluation answerEvaluation;
    private final PipelineRegistry pipelines;
    private final RetrievalEvaluation retrievalEvaluation;
    private final ObjectMapper json = new ObjectMapper();
    private final JobsConfig jobsConfig;
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("docqa-evaluation-leases").daemon().factory());
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("docqa-evaluation").daemon().factory());
    private final Semaphore wakeUp = new Semaphore(0);
    private final Instance instance;
    private final EvaluateConfig config;
    private volatile boolean running;

    public EvaluationService(EvalRunRepository runs, CollectionRepository collections, DocumentRepository documents,
            IngestService ingest, RetrieveConfig retrieveConfig,
            EmbeddingConfig embeddingConfig, AnswerEvaluation answerEvaluation, RetrievalEvaluation retrievalEvaluation,
            PipelineRegistry pipelines, JobsConfig jobsConfig, Instance instance, EvaluateConfig config,
            LlmAssistedRetriever llmRetrieval) {
        this.llmRetrieval = llmRetrieval;
        this.instance = instance;
        this.config = config;
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
     * Runs held by live instances are theirs; only an earlier run under this very instance id is known to be gone, so
     * its runs are queued again at once. Then a heartbeat renews this instance's runs every third of the lease, the
     * reaper queues again the runs whose instance stopped (every reaper interval, whatever this instance's role), and
     * an instance that runs workers starts its runner.
     */
    void onStart(@Observes StartupEvent event) {
        EvalRunRepository.Recovered own = runs.recoverOwn(config.maxAttempts());
        if (own.total() > 0) {
            LOG.infof("Queued again %d evaluation run(s) this instance (%s) was running when it stopped (%d failed after "
                    + "their last attempt)", own.total(), instance.id(), own.failed());
        }
        long beat = Math.max(100, jobsConfig.lease().toMillis() / 3);
        long reaper = Math.max(100, jobsConfig.reaperInterval().toMillis());
        leases.scheduleWithFixedDelay(this::renewQuietly, beat, beat, TimeUnit.MILLISECONDS);
        leases.scheduleWithFixedDelay(this::reapQuietly, reaper, reaper, TimeUnit.MILLISECONDS);
        if (instance.runsWorkers()) {
            running = true;
            executor.submit(this::runner);
        }
    }

    /**
     * A normal stop: the running evaluation is interrupted and handed back to the queue at once, so that another
     * instance runs it again without waiting for the lease to run out.
     */
    void onStop(@Observes ShutdownEvent event) {
        boolean wasRunning = running;
        running = false;
        leases.shutdownNow();
        executor.shutdownNow();
        if (!wasRunning) {
            return;
        }
        try {
            executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            EvalRunRepository.Recovered back = runs.recoverOwn(config.maxAttempts());
            if (back.total() > 0) {
                LOG.infof("Stopping: handed %d evaluation run(s) back to the queue", back.total());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // their lease runs out and another instance takes them then
            LOG.warn("Could not hand the running evaluation back to the queue", e);
        }
    }

    @PreDestroy
    void stop() {
        leases.shutdownNow();
        executor.shutdownNow();
    }

    private void renewQuietly() {
        try {
            runs.renewOwn();
        } catch (RuntimeException e) { // the next beat tries again; the lease outlives two missed beats
            LOG.warn("Could not renew the leases of this instance's evaluation runs", e);
        }
    }

    private void reapQuietly() {
        try {
            reap();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for evaluation runs of stopped instances", e);
        }
    }

    /** One sweep of the reaper: runs whose instance stopped are queued again (or fail after their last attempt). */
    EvalRunRepository.Recovered reap() {
        EvalRunRepository.Recovered r = runs.reapExpired(config.maxAttempts());
        if (r.total() > 0) {
            LOG.infof("Took over %d evaluation run(s) whose instance stopped (lease ran out): %d queued again, %d failed "
                    + "after their last attempt", r.total(), r.requeued(), r.failed());
            if (r.requeued() > 0) {
                wakeUp.release();
            }
        }
        return r;
    }

    /** One beat of the heartbeat and one of the reaper, at once (for tests). */
    void renewAndReap() {
        runs.renewOwn();
        reap();
    }

    private void runner() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<EvalRunRepository.Claim> claim = runs.claimNext();
                if (claim.isPresent()) {
                    execute(claim.get());
                } else {
                    wakeUp.tryAcquire(RUNNER_POLL_SECONDS, TimeUnit.SECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) { // e.g. the database is away: try again after a poll
                LOG.warn("Could not look for queued evaluation runs", e);
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(RUNNER_POLL_SECONDS));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Checks the request, reads the dataset (so that a bad one is refused at once) and stores the run as QUEUED; an
     * instance that runs workers runs it (this one at once when it does). The dataset directory must be readable at
     * the same path on the instances that run workers. Throws {@link InvalidDatasetException} or {@link IllegalArgumentException} for bad input.
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
        ObjectNode settings = json.createObjectNode();
        settings.put("collection", collectionName);
        settings.put("limitQueries", limit);
        settings.put("depth", RetrievalEvaluation.DEPTH);
        settings.put("fusionDepth", retrieveConfig.depth());
        settings.put("fusion", retrieveConfig.fusion().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        settings.put("rrfK", retrieveConfig.rrfK());
        settings.put("bm25Weight", retrieveConfig.bm25Weight());
        settings.put("vectorWeight", retrieveConfig.vectorWeight());
        settings.put("efSearch", retrieveConfig.efSearch());
        settings.put("embeddingModel", embeddingConfig.model());
        // the language model's retrieval steps in force (off without a model): hybrid runs and answers use them
        settings.put("llmRerank", llmRetrieval.reranks());
        settings.put("llmRewrite", llmRetrieval.rewriting());
        settings.put("split", split);
        String pipeline = request.pipeline() == null || request.pipeline().isBlank() ? null : request.pipeline().strip();
        if (pipeline != null && pipelines.find(pipeline).isEmpty()) {
            throw new IllegalArgumentException("Unknown pipeline \"" + pipeline + "\".");
        }
        settings.put("pipeline", pipeline);
        settings.put("answers", request.withAnswers());
        List<String> ids = kinds.stream().map(RetrieverKind::id).toList();
        EvalRun run = runs.insert(dir.toString(), dataset.name(), ids, settings, user);
        wakeUp.release();
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

    /** Runs a claimed run from the start, as stored: the dataset, retrievers and settings of its request. */
    private void execute(EvalRunRepository.Claim claim) {
        long runId = claim.run().id();
        int attempt = claim.attempt();
        LOG.infof("Running evaluation %d (attempt %d) on this instance (%s)", runId, attempt, instance.id());
        Progress progress = (format, collectionId, text) -> {
            if (!runs.updateProgress(runId, attempt, format, collectionId, text)) {
                throw new LeaseLostException(runId);
            }
        };
        try {
            EvalRun run = claim.run();
            JsonNode request = run.config();
            String collectionName = request.path("collection").asText("eval-" + run.datasetName());
            String split = request.path("split").isTextual() ? request.path("split").asText() : null;
            String pipeline = request.path("pipeline").isTextual() ? request.path("pipeline").asText() : null;
            boolean withAnswers = request.path("answers").asBoolean(false);
            String user = run.createdBy();
            List<RetrieverKind> kinds = parseKinds(run.retrievers());
            EvalDataset dataset = loader.load(Path.of(run.dataset())).split(split)
                    .limitQueries(request.path("limitQueries").asInt(0));
            DocumentCollection collection = collections.findByName(collectionName)
                    .orElseGet(() -> create(collectionName, pipeline, user));
            progress.report(dataset.format().name(), collection.id(), "ingesting");
            ObjectNode ingestSummary = ingestAll(progress, dataset, collection, user);
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
                        n -> progress.report(null, null, "querying " + kind.id() + ": " + n));
                rows.add(json.valueToTree(r));
                LOG.infof("Evaluation %d, %s on %s: nDCG@10 %.4f, R@100 %.4f, p95 %.1f ms", runId, kind.id(),
                        dataset.name(), r.ndcg10(), r.recall100(), r.p95Ms());
            }
            if (withAnswers) {
                int total = dataset.queries().size();
                AnswerResult a = answerEvaluation.evaluate(dataset.queries(), collection.id(), done -> {
                    if (done % 10 == 0) {
                        progress.report(null, null, "answering: " + done + " of " + total);
                    }
                });
                results.set("answers", json.valueToTree(a));
                LOG.infof("Evaluation %d, answers (%s) on %s: citation hit %.3f, abstention %.3f, false abstention %.3f",
                        runId, a.mode(), dataset.name(), a.citationHit(), a.abstention(), a.falseAbstention());
            }
            if (!runs.finish(runId, attempt, EvalRun.Status.DONE, results, null)) {
                LOG.warnf("Evaluation run %d finished after its lease ran out (another instance took it over); this "
                        + "attempt's result is dropped", runId);
            }
        } catch (LeaseLostException e) {
            LOG.warnf("Evaluation run %d: this instance's lease ran out and another instance took it over; stopped "
                    + "this attempt", runId);
        } catch (RuntimeException e) {
            if (!running || Thread.currentThread().isInterrupted()) { // a normal stop: handed back, not failed
                LOG.infof("Evaluation run %d interrupted by the server stop; it goes back to the queue", runId);
                return;
            }
            LOG.error("Evaluation run " + runId + " failed", e);
            runs.finish(runId, attempt, EvalRun.Status.FAILED, null,
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Progress of the current attempt; throws {@link LeaseLostException} once this instance no longer holds it. */
    @FunctionalInterface
    private interface Progress {
        void report(String format, Long collectionId, String text);
    }

    /** This instance's lease on a run ran out and another instance took it over: this attempt stops quietly. */
    private static final class LeaseLostException extends RuntimeException {
        LeaseLostException(long runId) {
            super("Evaluation run " + runId + " is no longer held by this instance", null, false, false);
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
    private ObjectNode ingestAll(Progress progress, EvalDataset dataset, DocumentCollection collection, String user) {
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
                progress.report(null, null, "submitting documents: " + submitted);
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
                progress.report(null, null, "ingesting: " + (all.size() - pending) + " of " + all.size()
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
