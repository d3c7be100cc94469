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
import io.docqa.evaluate.EvalQuery.RetrievedItem;
import io.docqa.ingest.IngestService;
import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.RetrieveConfig;
import io.docqa.retrieve.RetrievedPassage;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** Passages retrieved per query: enough for Recall@100. */
    static final int DEPTH = 100;
    private static final long POLL_MILLIS = 500;

    private final DatasetLoader loader = new DatasetLoader();
    private final EvalRunRepository runs;
    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final SelectableRetriever retriever;
    private final RetrieveConfig retrieveConfig;
    private final EmbeddingConfig embeddingConfig;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "docqa-evaluation");
        t.setDaemon(true);
        return t;
    });

    public EvaluationService(EvalRunRepository runs, CollectionRepository collections, DocumentRepository documents,
            IngestService ingest, SelectableRetriever retriever, RetrieveConfig retrieveConfig,
            EmbeddingConfig embeddingConfig) {
        this.runs = runs;
        this.collections = collections;
        this.documents = documents;
        this.ingest = ingest;
        this.retriever = retriever;
        this.retrieveConfig = retrieveConfig;
        this.embeddingConfig = embeddingConfig;
    }

    void onStart(@Observes StartupEvent event) {
        int failed = runs.failInterrupted();
        if (failed > 0) {
            LOG.infof("Marked %d evaluation run(s) interrupted by the last shutdown as FAILED", failed);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** What to evaluate: a dataset directory on the server, retriever ids, optional collection name and query cap. */
    public record Request(String dataset, List<String> retrievers, String collection, Integer limitQueries) {
    }

    /**
     * Checks the request, reads the dataset (so that a bad one is refused at once), stores the run as RUNNING and
     * queues it. Throws {@link InvalidDatasetException} or {@link IllegalArgumentException} for bad input.
     */
    public EvalRun start(Request request, String user) {
        if (request == null || request.dataset() == null || request.dataset().isBlank()) {
            throw new IllegalArgumentException("\"dataset\" must name a dataset directory on the server.");
        }
        List<RetrieverKind> kinds = parseKinds(request.retrievers());
        Path dir = Path.of(request.dataset().strip()).toAbsolutePath().normalize();
        int limit = request.limitQueries() == null ? 0 : request.limitQueries();
        if (limit < 0) {
            throw new IllegalArgumentException("\"limitQueries\" must not be negative.");
        }
        EvalDataset dataset = loader.load(dir).limitQueries(limit);
        String collectionName = request.collection() == null || request.collection().isBlank()
                ? "eval-" + dataset.name() : request.collection().strip();
        if (collectionName.length() > DocumentCollection.NAME_MAX_LENGTH) {
            throw new IllegalArgumentException("The collection name is too long.");
        }
        ObjectNode config = json.createObjectNode();
        config.put("collection", collectionName);
        config.put("limitQueries", limit);
        config.put("depth", DEPTH);
        config.put("fusionDepth", retrieveConfig.depth());
        config.put("rrfK", retrieveConfig.rrfK());
        config.put("bm25Weight", retrieveConfig.bm25Weight());
        config.put("vectorWeight", retrieveConfig.vectorWeight());
        config.put("efSearch", retrieveConfig.efSearch());
        config.put("embeddingModel", embeddingConfig.model());
        List<String> ids = kinds.stream().map(RetrieverKind::id).toList();
        EvalRun run = runs.insert(dir.toString(), dataset.name(), ids, config, user);
        executor.submit(() -> execute(run.id(), dataset, kinds, collectionName, user));
        return run;
    }

    private List<RetrieverKind> parseKinds(List<String> requested) {
        List<String> wanted = requested == null || requested.isEmpty() ? List.of("bm25", "vector", "hybrid") : requested;
        LinkedHashSet<RetrieverKind> kinds = new LinkedHashSet<>();
        for (String id : wanted) {
            for (String part : id.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                RetrieverKind kind = RetrieverKind.byId(part).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown retriever \"" + part.strip() + "\": use bm25, vector, hybrid or hybrid-rerank."));
                if (!retriever.isAvailable(kind)) {
                    throw new IllegalArgumentException("Retriever " + kind.id() + " is not configured on this server.");
                }
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("Name at least one retriever.");
        }
        return List.copyOf(kinds);
    }

    private void execute(long runId, EvalDataset dataset, List<RetrieverKind> kinds, String collectionName, String user) {
        try {
            DocumentCollection collection = collections.findByName(collectionName).orElseGet(() -> create(collectionName, user));
            runs.updateProgress(runId, dataset.format().name(), collection.id(), "ingesting");
            ObjectNode ingestSummary = ingestAll(runId, dataset, collection, user);
            Map<Long, String> keyByDocument = new HashMap<>();
            for (Document d : documents.findByCollection(collection.id())) {
                keyByDocument.put(d.id(), keyOf(dataset, d.name()));
            }
            ObjectNode results = json.createObjectNode();
            results.put("queries", dataset.queries().size());
            results.set("ingest", ingestSummary);
            var rows = results.putArray("retrievers");
            for (RetrieverKind kind : kinds) {
                RetrieverResult r = evaluate(runId, dataset, kind, collection.id(), keyByDocument);
                rows.add(json.valueToTree(r));
                LOG.infof("Evaluation %d, %s on %s: nDCG@10 %.4f, R@100 %.4f, p95 %.1f ms", runId, kind.id(),
                        dataset.name(), r.ndcg10(), r.recall100(), r.p95Ms());
            }
            runs.finish(runId, EvalRun.Status.DONE, results, null);
        } catch (RuntimeException e) {
            LOG.error("Evaluation run " + runId + " failed", e);
            runs.finish(runId, EvalRun.Status.FAILED, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private DocumentCollection create(String name, String user) {
        try {
            return collections.create(name, user);
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

    private RetrieverResult evaluate(long runId, EvalDataset dataset, RetrieverKind kind, long collectionId,
            Map<Long, String> keyByDocument) {
        List<Long> scope = List.of(collectionId);
        if (!dataset.queries().isEmpty()) { // warm-up outside the measurement: first-use costs are not per-query
            retriever.retrieve(kind, new RetrievalQuery(dataset.queries().get(0).text(), scope, DEPTH));
        }
        double ndcg = 0;
        double r5 = 0;
        double r10 = 0;
        double r100 = 0;
        double mrr = 0;
        List<Double> latencies = new ArrayList<>();
        int n = 0;
        for (EvalQuery q : dataset.queries()) {
            long t0 = System.nanoTime();
            List<RetrievedPassage> passages = retriever.retrieve(kind, new RetrievalQuery(q.text(), scope, DEPTH));
            latencies.add((System.nanoTime() - t0) / 1e6);
            List<RetrievedItem> items = passages.stream()
                    .map(p -> new RetrievedItem(keyByDocument.getOrDefault(p.chunk().documentId(),
                            keyOf(dataset, p.documentName())), p.chunk().text()))
                    .toList();
            List<Integer> gains = q.judgement().gains(items, DEPTH);
            ndcg += Metrics.ndcgAt(10, gains, q.judgement().idealGains());
            r5 += Metrics.recallAt(5, gains, q.judgement().relevantCount());
            r10 += Metrics.recallAt(10, gains, q.judgement().relevantCount());
            r100 += Metrics.recallAt(100, gains, q.judgement().relevantCount());
            mrr += Metrics.mrrAt(10, gains);
            n++;
            if (n % 25 == 0) {
                runs.updateProgress(runId, null, null, "querying " + kind.id() + ": " + n + " of " + dataset.queries().size());
            }
        }
        int d = Math.max(1, n);
        return new RetrieverResult(kind.id(), n, round(ndcg / d), round(r5 / d), round(r10 / d), round(r100 / d),
                round(mrr / d), round(Metrics.percentile(latencies, 50)), round(Metrics.percentile(latencies, 95)));
    }

    private static String keyOf(EvalDataset dataset, String documentName) {
        if (dataset.format() == EvalDataset.Format.BEIR && documentName.endsWith(DatasetLoader.BEIR_SUFFIX)) {
            return documentName.substring(0, documentName.length() - DatasetLoader.BEIR_SUFFIX.length());
        }
        return documentName;
    }

    private static InputStream open(SourceDocument doc) throws IOException {
        return doc.file() != null ? Files.newInputStream(doc.file())
                : new ByteArrayInputStream(doc.text().getBytes(StandardCharsets.UTF_8));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
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

    /** Rows of a run's results, empty while it runs or when it failed. */
    public static List<RetrieverResult> resultsOf(EvalRun run, ObjectMapper json) {
        JsonNode rows = run.results() == null ? null : run.results().get("retrievers");
        if (rows == null) {
            return List.of();
        }
        List<RetrieverResult> out = new ArrayList<>();
        rows.forEach(r -> out.add(json.convertValue(r, RetrieverResult.class)));
        return out;
    }
}
