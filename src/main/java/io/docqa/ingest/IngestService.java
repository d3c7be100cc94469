package io.docqa.ingest;

import io.docqa.corpus.CollectionRepository;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import io.docqa.corpus.IndexChangeLog;
import io.docqa.ingest.jobs.JobLeases;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.ingest.index.LuceneSync;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import io.docqa.ingest.jobs.IngestWorker;
import io.docqa.ingest.parse.DocumentParser;
import io.docqa.ingest.parse.DocumentRejectedException;
import io.docqa.storage.OriginalsStore;
import io.docqa.storage.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.docqa.ingest.jobs.JobState;
import org.jboss.logging.Logger;

/** Entry point for uploads and deletions, used by the REST API and the UI. */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final OriginalsStore originals;
    private final IngestWorker worker;
    private final DocumentParser parser;
    // ---- jobs ----
    private final JobRepository jobs;
    private final IndexChangeLog changeLog;
    private final LuceneSync luceneSync;
    private final AgroalDataSource dataSource;
    // ---- pipelines ----
    private final PipelineRegistry pipelines;
    private final JobLeases leases;
    private final OrphanedOriginals orphans;

    public IngestService(CollectionRepository collections, DocumentRepository documents, OriginalsStore originals,
            IngestWorker worker, DocumentParser parser, JobRepository jobs, IndexChangeLog changeLog,
            LuceneSync luceneSync, AgroalDataSource dataSource, PipelineRegistry pipelines, JobLeases leases,
            OrphanedOriginals orphans) {
        this.leases = leases;
        this.orphans = orphans;
        this.pipelines = pipelines;
        this.collections = collections;
        this.documents = documents;
        this.originals = originals;
        this.worker = worker;
        this.parser = parser;
        this.jobs = jobs;
        this.changeLog = changeLog;
        this.luceneSync = luceneSync;
        this.dataSource = dataSource;
    }

    /**
     * Holds a queued document under this instance's lease until its original is stored and it is released: if this
     * instance dies in between, another instance's reaper releases it when the lease runs out (instead of never).
     */
    private void holdUnreleased(long documentId) {
        jobs.holdUnreleased(documentId);
        leases.hold(documentId);
    }

    /** A new upload batch id: every file of one upload request (or one UI upload) shares it. */
    public static String newBatchId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Accepts one uploaded file into a collection and queues it. The same bytes uploaded again into the same
     * collection return the existing document. Files that fail the quick checks (empty, too large, executable,
     * content contradicting the name) are recorded as FAILED at once, with the reason.
     */
    public Document submit(long collectionId, String fileName, InputStream content, String uploadedBy) {
        return submit(collectionId, fileName, content, uploadedBy, null);
    }

    /**
     * As {@link #submit(long, String, InputStream, String)}, within an upload batch. A file with the name of an
     * existing document but other bytes becomes that document's next version: a new document that replaces the old
     * one (chunks in both indexes, in one commit) when it is READY; until then searches keep finding the old one.
     */
    public Document submit(long collectionId, String fileName, InputStream content, String uploadedBy, String batchId) {
        collections.require(collectionId);
        String name = cleanName(fileName);
        OriginalsStore.Staged staged;
        try {
            staged = originals.stage(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload of " + name, e);
        }
        Optional<Document> same = documents.findSameContent(collectionId, staged.sha256());
        if (same.isPresent()) {
            originals.discard(staged);
            return same.get();
        }
        Optional<DocumentRejectedException> rejected = precheck(staged.file(), name);
        if (rejected.isPresent()) {
            originals.discard(staged);
            Document failed = documents.insert(collectionId, name, null, staged.size(), staged.sha256(),
                    DocumentStatus.FAILED, rejected.get().getMessage(), rejected.get().reason().name(), uploadedBy);
            if (batchId != null) {
                jobs.assign(failed.id(), batchId, null, 1);
            }
            return failed;
        }
        Optional<Document> previous = documents.findLatestByName(collectionId, name);
        Document doc = documents.insert(collectionId, name, null, staged.size(), staged.sha256(), DocumentStatus.QUEUED,
                null, null, uploadedBy);
        if (batchId != null || previous.isPresent()) {
            int version = previous.map(p -> jobs.find(p.id()).map(j -> j.version()).orElse(1) + 1).orElse(1);
            jobs.assign(doc.id(), batchId, previous.map(Document::id).orElse(null), version);
        }
        holdUnreleased(doc.id());
        try {
            originals.keep(staged, doc.id());
        } catch (StoreUnavailableException e) { // nothing half-stored: the upload is refused as a whole (503)
            originals.discard(staged);
            documents.delete(doc.id());
            LOG.warn("Refused the upload of " + name + ": " + e.getMessage());
            throw e;
        } catch (IOException e) {
            originals.discard(staged);
            documents.markFailed(doc.id(), "The uploaded file could not be stored on the server.", "STORAGE");
            LOG.error("Could not store original of document " + doc.id(), e);
            return documents.require(doc.id());
        } finally {
            leases.release(doc.id());
        }
        jobs.release(doc.id());
        worker.wakeUp();
        return doc;
    }

    /**
     * Removes a document from PostgreSQL, Lucene and the stored originals. The deletion and its index change record
     * commit together, so Lucene follows even after a crash; searches stop returning the document at once because
     * retrieval loads chunks from PostgreSQL.
     */
    public void delete(long documentId) {
        documents.require(documentId);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                jobs.delete(c, documentId);
                changeLog.record(c, documentId);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not delete document " + documentId, e);
        }
        try {
            luceneSync.catchUp();
        } catch (IOException e) {
            throw new UncheckedIOException("Document " + documentId + " was deleted, but its index entries could not be removed", e);
        }
        try {
            originals.delete(documentId);
        } catch (IOException | UncheckedIOException e) { // the document is gone; its stored bytes go later
            LOG.warn("Document " + documentId + " was deleted, but its original could not be removed from "
                    + originals.describe() + " (" + e.getMessage() + "); recorded, deletion is retried later");
            orphans.record(documentId, e.getMessage());
        }
    }

    /**
     * Returns once every change committed in PostgreSQL so far is searchable in Lucene too. A document turns READY
     * in PostgreSQL a moment before the index has it; callers that search right after (evaluation runs) wait here.
     */
    public void awaitSearchable() {
        try {
            luceneSync.catchUp();
        } catch (IOException e) {
            throw new UncheckedIOException("The Lucene index could not catch up with PostgreSQL", e);
        }
    }

    /**
     * Switches a collection to another ingestion pipeline and, when it differs from the current one, re-processes
     * its documents with it ({@link #reprocess}). Returns the batch, or an empty batch (null id) when nothing changed.
     *
     * @throws IllegalArgumentException when no pipeline has that name
     */
    public Reprocessing changePipeline(long collectionId, String pipeline, String user) {
        collections.require(collectionId);
        if (pipelines.find(pipeline).isEmpty()) {
            throw new IllegalArgumentException("There is no ingestion pipeline named \"" + pipeline + "\"; available: "
                    + pipelines.all().stream().map(PipelineDefinition::name).toList() + ".");
        }
        String current = collections.pipelineOf(collectionId).orElse(PipelineDefinition.DEFAULT);
        if (current.equals(pipeline)) {
            return new Reprocessing(null, 0);
        }
        collections.setPipeline(collectionId, pipeline);
        return reprocess(collectionId, user);
    }

    /** A collection's documents queued again as one batch: {@code documents} of them under {@code batchId} (null when none). */
    public record Reprocessing(String batchId, int documents) {
    }

    /**
     * Queues every document of the collection again from its stored original, as one batch, e.g. after the
     * collection's pipeline changed. Each becomes a new version of itself (the existing version swap): searches keep
     * finding the current chunks until the new ones replace them in one commit; if re-processing fails, the current
     * version stays. READY documents are re-processed, and FAILED ones whose original is kept and that no other
     * version replaced (a new pipeline may read them, e.g. with OCR). Documents still waiting or in progress are not
     * queued twice: they are processed with the collection's pipeline when a worker takes them.
     */
    public Reprocessing reprocess(long collectionId, String user) {
        collections.require(collectionId);
        String batchId = newBatchId();
        Map<Long, JobState> jobStates = jobs.findByCollection(collectionId);
        Set<Long> beingReplaced = new HashSet<>();
        Set<String> usableNames = new HashSet<>();
        for (JobState j : jobStates.values()) {
            if (j.replacesId() != null && !j.status().isFinal()) {
                beingReplaced.add(j.replacesId());
            }
            if (j.status() != DocumentStatus.FAILED) {
                usableNames.add(j.name());
            }
        }
        int queued = 0;
        for (Document old : documents.findByCollection(collectionId)) {
            boolean wanted = old.status() == DocumentStatus.READY
                    || old.status() == DocumentStatus.FAILED && !usableNames.contains(old.name());
            if (!wanted || beingReplaced.contains(old.id()) || !hasOriginal(old.id())) {
                continue;
            }
            Document next = documents.insert(collectionId, old.name(), old.contentType(), old.sizeBytes(), old.sha256(),
                    DocumentStatus.QUEUED, null, null, user);
            int version = jobStates.containsKey(old.id()) ? jobStates.get(old.id()).version() + 1 : 2;
            jobs.assign(next.id(), batchId, old.id(), version);
            holdUnreleased(next.id());
            try {
                originals.copy(old.id(), next.id());
            } catch (IOException | UncheckedIOException e) {
                documents.markFailed(next.id(), "The stored original could not be copied for re-processing.", "STORAGE");
                LOG.error("Could not copy original of document " + old.id(), e);
                continue;
            } finally {
                leases.release(next.id());
            }
            jobs.release(next.id());
            queued++;
        }
        if (queued > 0) {
            worker.wakeUp();
        }
        return new Reprocessing(queued == 0 ? null : batchId, queued);
    }

    private boolean hasOriginal(long documentId) {
        try {
            return originals.exists(documentId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cancels one document's ingestion; false when it had already finished. */
    public boolean cancel(long documentId, String user) {
        documents.require(documentId);
        return jobs.requestCancel(documentId, user);
    }

    /** Cancels every unfinished document of an upload batch; returns how many. */
    public int cancelBatch(String batchId, String user) {
        return jobs.requestCancelBatch(batchId, user);
    }

    /** Why a file would be refused at once, if it would; no parsing happens. */
    public Optional<DocumentRejectedException> precheck(Path file, String fileName) {
        try {
            parser.precheck(file, cleanName(fileName));
            return Optional.empty();
        } catch (DocumentRejectedException e) {
            return Optional.of(e);
        }
    }

    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip().replaceAll("\\p{Cntrl}", "");
        if (name.isEmpty()) {
            name = "unnamed";
        }
        return name.length() > Document.NAME_MAX_LENGTH ? name.substring(0, Document.NAME_MAX_LENGTH) : name;
    }
}
