package io.docqa.ingest;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository.NewChunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkStatistics;
import io.docqa.corpus.DataAccessException;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.IndexChangeLog;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingGenerations;
import io.docqa.embedding.EmbeddingRejectedException;
import io.docqa.embedding.Generation;
import io.docqa.ingest.chunk.ChunkDraft;
import io.docqa.ingest.config.IngestConfig;
import io.docqa.ingest.extract.Extractors;
import io.docqa.ingest.index.BulkVectorIndex;
import io.docqa.ingest.index.LuceneSync;
import io.docqa.ingest.jobs.Backoff;
import io.docqa.ingest.jobs.CancelledException;
import io.docqa.ingest.jobs.JobProcessor;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.ingest.jobs.JobsConfig;
import io.docqa.ingest.jobs.LeaseLostException;
import io.docqa.ingest.parse.DocumentParser;
import io.docqa.ingest.parse.DocumentRejectedException;
import io.docqa.ingest.parse.ParsedDocument;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.docqa.storage.OriginalsStore;
import io.docqa.storage.StoreUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.JdbiException;

/**
 * Ingests one document: parse → chunk → embed → store. PostgreSQL is the source of truth: chunks, the READY status,
 * the removal of a replaced older version and a record in the index change sequence commit in one transaction;
 * Lucene then applies the change (see {@link LuceneSync}). A crash before the commit leaves the document PROCESSING
 * (queued again when its lease runs out); a crash after it is repaired by the Lucene catch-up. Every write of a job
 * names its claim and is refused once another instance took the job over ({@link LeaseLostException}): the work is
 * then dropped, and its chunks are never committed next to the new holder's.
 */
@ApplicationScoped
public class IngestPipeline implements JobProcessor {

    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);
    /** The counter of embedded chunks ({@code docqa_embedded_chunks_total} in Prometheus). */
    public static final String EMBEDDED_CHUNKS = "docqa.embedded.chunks";

    private final DocumentParser parser;
    private final Embedder embedder;
    private final EmbeddingGenerations generations;
    private final DocumentRepository documents;
    private final ChunkRepository chunks;
    private final OriginalsStore originals;
    private final AgroalDataSource dataSource;
    private final IngestConfig config;
    // ---- jobs: progress, cancel, retries, change sequence for Lucene ----
    private final JobRepository jobs;
    private final IndexChangeLog changeLog;
    private final ChunkStatistics statistics;
    private final LuceneSync luceneSync;
    private final JobsConfig jobsConfig;
    // ---- pipelines: per-collection parser options, chunking and extractors ----
    private final PipelineRegistry pipelines;
    private final Extractors extractors;
    private final DocumentAttributes attributes;
    /** docqa_embedded_chunks_total: Prometheus' rate() of it is the embedding throughput in chunks per second. */
    /** Documents that ended an attempt, by outcome ({@code docqa_ingest_documents_total{outcome}} in Prometheus). */
    public static final String DOCUMENTS = "docqa.ingest.documents";
    private final Counter ready;
    private final Counter failed;
    private volatile boolean stopping;
    private final Counter retried;
    private final Counter embeddedChunks;
    private final BulkVectorIndex bulkVectorIndex;

    public IngestPipeline(DocumentParser parser, Embedder embedder,
            DocumentRepository documents, ChunkRepository chunks, OriginalsStore originals,
            AgroalDataSource dataSource, IngestConfig config, JobRepository jobs, IndexChangeLog changeLog,
            LuceneSync luceneSync, JobsConfig jobsConfig, PipelineRegistry pipelines, Extractors extractors,
            DocumentAttributes attributes, ChunkStatistics statistics, EmbeddingGenerations generations,
            MeterRegistry meters, BulkVectorIndex bulkVectorIndex) {
        this.generations = generations;
        this.bulkVectorIndex = bulkVectorIndex;
        this.embeddedChunks = Counter.builder(EMBEDDED_CHUNKS).description("Chunks embedded by ingestion")
                .register(meters);
        this.ready = documentsCounter(meters, "ready");
        this.failed = documentsCounter(meters, "failed");
        this.retried = documentsCounter(meters, "retried");
        this.statistics = statistics;
        this.attributes = attributes;
        this.parser = parser;
        this.embedder = embedder;
        this.documents = documents;
        this.chunks = chunks;
        this.originals = originals;
        this.dataSource = dataSource;
        this.config = config;
        this.jobs = jobs;
        this.changeLog = changeLog;
        this.luceneSync = luceneSync;
        this.jobsConfig = jobsConfig;
        this.pipelines = pipelines;
        this.extractors = extractors;
    }

    /**
     * Set first thing at a stop: from then on, a failure of a document in progress is taken as caused by the stop
     * (interrupted workers, parser processes ending with the server) and not recorded against the file; the workers'
     * hand-back queues the document again (see ingest.jobs.IngestWorker).
     */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
    }

    /** Processes a document that a worker has claimed (status PROCESSING). Never throws: failures are recorded. */
    public void process(long documentId) {
        process(documentId, 1);
    }

    /**
     * Processes attempt {@code attempt} of a claimed document. Never throws: a file that cannot be read ends FAILED
     * with its reason; a transient failure (database, disk) is queued again with backoff until the attempts run out;
     * a cancel request ends it FAILED with error code CANCELLED.
     */
    @Override
    public void process(long documentId, int attempt) {
        Document doc = documents.findById(documentId).orElse(null);
        if (doc == null) {
            return; // deleted while queued
        }
        bulkVectorIndex.beforeIngest(doc.collectionId()); // a bulk load: the collection's graph is built at its end
        try {
            ingest(doc, attempt);
        } finally {
            bulkVectorIndex.afterIngest(doc.collectionId());
        }
    }

    private void ingest(Document doc, int attempt) {
        long documentId = doc.id();
        long t0 = System.nanoTime();
        JobRepository.Claim claim = new JobRepository.Claim(documentId, attempt);
        try {
            // the collection's pipeline (ingest-pipelines/*.yaml) decides parser options, chunking and extractors
            PipelineDefinition pipeline = pipelines.forCollection(doc.collectionId()).orElse(null);
            if (pipeline == null) {
                failed.increment();
                jobs.fail(claim, "The collection's ingestion pipeline no longer exists on the server."
                        + " Choose another pipeline for the collection and upload the document again.", "UNKNOWN_PIPELINE");
                return;
            }
            checkpoint(claim, "PARSING", 0.02);
            ParsedDocument parsed;
            try (OriginalsStore.LocalOriginal original = originals.open(documentId)) { // an unreachable store: retried
                parsed = parser.parse(original.path(), doc.name(), pipeline.parseOptions());
            }
            checkpoint(claim, "CHUNKING", 0.15);
            List<ChunkDraft> drafts = pipelines.chunker(pipeline).chunk(parsed);
            Generation generation = embedder.activeGeneration();
            List<float[]> vectors = embed(claim, generation, drafts);
            checkpoint(claim, "STORING", 0.95);
            store(claim, doc, parsed, drafts, generation, vectors, pipeline);
            ready.increment();
            LOG.infof("Ingested %s (id %d): %d chunks in %d ms%s", doc.name(), documentId, drafts.size(),
                    (System.nanoTime() - t0) / 1_000_000,
                    parsed.warnings().isEmpty() ? "" : ", with warnings: " + String.join(" ", parsed.warnings()));
        } catch (Exception | Error e) {
            if (stopping) { // the stop (interrupt, parser processes ending) caused it: the hand-back queues it again
                LOG.infof("Leaving %s (id %d) to the hand-back of this stopping server (%s)", doc.name(), documentId,
                        e.toString());
                return;
            }
            recordFailure(claim, doc, attempt, e);
        }
    }

    /** Records why an attempt failed: FAILED for the file's own faults and cancels, a retry for transient ones. */
    private void recordFailure(JobRepository.Claim claim, Document doc, int attempt, Throwable failure) {
        long documentId = doc.id();
        try {
            throw failure;
        } catch (LeaseLostException e) {
            LOG.infof("Dropping attempt %d of %s (id %d): %s", attempt, doc.name(), documentId, e.getMessage());
        } catch (DocumentRejectedException e) {
            LOG.infof("Document %s (id %d) failed: %s", doc.name(), documentId, e.getMessage());
            failed.increment();
            jobs.fail(claim, e.getMessage(), e.reason().name());
        } catch (EmbeddingRejectedException e) {
            LOG.infof("Document %s (id %d) failed: %s", doc.name(), documentId, e.getMessage());
            failed.increment();
            jobs.fail(claim, e.getMessage(), e.code());
        } catch (CancelledException e) {
            LOG.infof("Document %s (id %d): %s", doc.name(), documentId, e.getMessage());
            failed.increment();
            jobs.fail(claim, JobRepository.cancelledMessage(e.by()), JobRepository.CANCELLED);
        } catch (DataAccessException | JdbiException | SQLException | IOException | UncheckedIOException e) {
            // users see the reason of a store outage without the endpoint and bucket; the log keeps them
            String reason = StoreUnavailableException.in(e) ? StoreUnavailableException.USER_MESSAGE
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (attempt < jobsConfig.maxAttempts()) {
                Duration wait = new Backoff(jobsConfig.initialBackoff(), jobsConfig.maxBackoff()).before(attempt + 1);
                LOG.warnf("Attempt %d of %s (id %d) failed (%s); retrying in %s", attempt, doc.name(), documentId,
                        e.getMessage(), wait);
                retried.increment();
                jobs.retryLater(claim, reason, wait);
            } else {
                LOG.errorf(e, "Giving up on %s (id %d) after %d attempts", doc.name(), documentId, attempt);
                failed.increment();
                jobs.fail(claim, "The server could not store this document after " + attempt
                        + " attempts (" + reason + "). Upload it again later.", "TRANSIENT");
            }
        } catch (Throwable e) { // a worker must survive anything a single document does
            LOG.errorf(e, "Unexpected error while ingesting %s (id %d)", doc.name(), documentId);
            failed.increment();
            jobs.fail(claim, "Unexpected error while processing the document: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), "INTERNAL");
        }
    }

    /** Records progress and stops the work when someone cancelled (or deleted) the document. */
    private void checkpoint(JobRepository.Claim claim, String stage, double fraction) {
        Optional<String> cancelledBy = jobs.progress(claim, stage, fraction); // renews the lease, or LeaseLostException
        if (cancelledBy.isPresent()) {
            throw new CancelledException(cancelledBy.get());
        }
    }

    private List<float[]> embed(JobRepository.Claim claim, Generation generation, List<ChunkDraft> drafts) {
        List<float[]> vectors = new ArrayList<>(drafts.size());
        int batch = Math.max(1, config.embedBatchSize());
        for (int i = 0; i < drafts.size(); i += batch) {
            List<String> texts = drafts.subList(i, Math.min(drafts.size(), i + batch)).stream()
                    .map(ChunkDraft::embeddingText).toList();
            vectors.addAll(embedder.embedPassages(generation, texts));
            embeddedChunks.increment(texts.size());
            checkpoint(claim, "EMBEDDING", 0.2 + 0.75 * vectors.size() / drafts.size());
        }
        return vectors;
    }

    private void store(JobRepository.Claim claim, Document doc, ParsedDocument parsed, List<ChunkDraft> drafts,
            Generation generation, List<float[]> vectors, PipelineDefinition pipeline) throws SQLException, IOException {
        List<NewChunk> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            ChunkDraft d = drafts.get(i);
            rows.add(new NewChunk(d.ordinal(), d.text(), d.headingPath(), d.page(), d.pageEnd(), d.start(), d.end(),
                    vectors.get(i), d.context()));
        }
        // PostgreSQL first, in one transaction with the change record; Lucene follows through the change sequence,
        // so a crash between the two is repaired by the catch-up at the next start.
        Long replaces = jobs.find(doc.id()).map(j -> j.replacesId()).orElse(null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // row lock first (no deadlock with delete); refuses unless this claim still holds the job, and keeps
                // the reaper and other instances off it until the commit
                Optional<String> cancelledBy = jobs.lockAndCheckCancel(c, claim);
                if (cancelledBy.isPresent()) {
                    c.rollback();
                    throw new CancelledException(cancelledBy.get());
                }
                generations.lockForWriting(c, generation.id()); // waits out a switch of model, refuses a stale one
                List<Chunk> stored = chunks.replaceChunks(c, doc.id(), doc.collectionId(), rows, generation.id());
                extractors.run(c, doc.id(), parsed.text(), stored, pipeline);
                boolean stillWanted = documents.markReady(c, doc.id(), parsed.contentType(), parsed.pageCount(),
                        stored.size(), parsed.text());
                attributes.setDocumentDate(c, doc.id(), parsed.documentDate());
                if (!stillWanted) {
                    c.rollback();
                    return;
                }
                if (!parsed.warnings().isEmpty()) {
                    documents.setWarnings(c, doc.id(), parsed.warnings());
                }
                if (replaces != null) {
                    attributes.inheritTags(c, doc.id(), replaces);
                    jobs.delete(c, replaces); // the new version replaces the old one in the same commit
                    changeLog.record(c, doc.id(), replaces);
                } else {
                    changeLog.record(c, doc.id());
                }
                c.commit();
                statistics.added(stored.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        luceneSync.catchUpSoon(); // gathered with the other documents stored meanwhile into one Lucene commit
        if (replaces != null) {
            originals.delete(replaces);
        }
    }

    private static Counter documentsCounter(MeterRegistry meters, String outcome) {
        return Counter.builder(DOCUMENTS).description("Documents that ended an ingestion attempt, by outcome")
                .tag("outcome", outcome).register(meters);
    }
}
