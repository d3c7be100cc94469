package io.docqa.ingest.index;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.IndexChangeLog;
import io.docqa.corpus.IndexChangeLog.Change;
import io.docqa.corpus.IndexVisibility;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Keeps Lucene in step with PostgreSQL, the source of truth. Writers record each document change in the
 * {@link IndexChangeLog} inside their PostgreSQL transaction; this class applies the changes after the last one the
 * index has seen, reading the chunks from PostgreSQL, and commits them together with the new change number. Applying
 * a change twice is harmless (the document's chunks are replaced as a whole), so a crash at any point is repaired by
 * running {@link #catchUp} again, which the {@link IndexFollower} does continuously. An index that applied less than
 * the log's compaction horizon has missed changes for good: the next catch-up rebuilds it instead.
 *
 * <p>While a corpus is ingested, {@link #catchUpSoon} gathers the documents stored within
 * {@code docqa.index.commit-delay} into one commit. A search that needs a change applies it at once (see
 * {@link IndexVisibility#onBehind}); deletions and start-up apply theirs synchronously.
 */
@ApplicationScoped
public class LuceneSync {

    /** Key of the applied change number in the Lucene commit user data. */
    public static final String APPLIED_SEQ = "docqa.change-seq";

    private static final Logger LOG = Logger.getLogger(LuceneSync.class);
    private static final int PAGE = 500;

    private final LuceneChunkWriter writer;
    private final IndexChangeLog changes;
    private final DocumentRepository documents;
    private final ChunkRepository chunks;
    private final IndexVisibility visibility;
    private boolean rebuildPending;
    private final long commitDelayMillis;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lucene-sync").daemon().factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean urgent = new AtomicBoolean();
    private volatile LongConsumer appliedListener = seq -> { };

    public LuceneSync(LuceneChunkWriter writer, IndexChangeLog changes, DocumentRepository documents,
            ChunkRepository chunks, IndexVisibility visibility, IndexSyncConfig config) {
        this.commitDelayMillis = Math.max(0, config.commitDelay().toMillis());
        visibility.onBehind(this::catchUpNow);
        this.writer = writer;
        this.visibility = visibility;
        this.changes = changes;
        this.documents = documents;
        this.chunks = chunks;
        visibility.applied(appliedSeq());
    }

    /** Called with the new position after every commit that advanced the index (the follower records it). */
    void onApplied(LongConsumer listener) {
        appliedListener = listener;
    }

    /** Whether the index has never been built (a new instance, or an emptied data directory). */
    public synchronized boolean isNew() {
        return !writer.commitData().containsKey(APPLIED_SEQ);
    }

    /** Whether the index applied less than the compacted part of the change log, so only a rebuild can repair it. */
    public boolean isBehindHorizon() {
        return visibility.appliedSeq() < changes.compactedThrough();
    }

    /** What a rebuild did. */
    public record RebuildResult(int documents, int chunks, long changeSeq, long millis) {
    }

    /**
     * Applies the changes committed so far within the commit delay, together with those that commit meanwhile.
     * Returns at once; failures are logged and the next catch-up repairs them.
     */
    public void catchUpSoon() {
        if (commitDelayMillis == 0) {
            catchUpQuietly();
        } else if (scheduled.compareAndSet(false, true)) {
            committer.schedule(() -> {
                scheduled.set(false);
                catchUpQuietly();
            }, commitDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A search waits for a change: apply what is pending now rather than at the end of the commit delay. */
    void catchUpNow() {
        if (urgent.compareAndSet(false, true)) {
            committer.execute(() -> {
                urgent.set(false);
                catchUpQuietly();
            });
        }
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Lucene lags behind PostgreSQL until the next catch-up", e);
        }
    }

    @PreDestroy
    void stop() {
        committer.shutdownNow(); // whatever it had not applied, the final catch-up at shutdown or the next start does
    }

    /** The change number the committed index reflects. */
    public synchronized long appliedSeq() {
        return Long.parseLong(writer.commitData().getOrDefault(APPLIED_SEQ, "0"));
    }

    /**
     * Applies every recorded change the index has not seen yet; returns how many documents it touched. Searches
     * waiting in {@link IndexVisibility} for a change committed before this call are released when it returns.
     */
    public synchronized int catchUp() throws IOException {
        try {
            return applyPending();
        } catch (IOException | RuntimeException e) {
            visibility.failed(); // waiting searches go ahead: waiting longer would not make the change searchable
            throw e;
        }
    }

    private int applyPending() throws IOException {
        if (rebuildPending) {
            return rebuild().documents();
        }
        long applied = appliedSeq();
        int touched = 0;
        while (true) {
            List<Change> page = changes.after(applied, PAGE);
            if (applied < changes.compactedThrough()) { // read after the page: a compaction that raced it shows here
                LOG.infof("The Lucene index (change %d) is behind the compacted change log; rebuilding it", applied);
                return rebuild().documents();
            }
            if (page.isEmpty()) {
                return touched;
            }
            Set<Long> ids = new LinkedHashSet<>();
            page.forEach(c -> ids.add(c.documentId()));
            for (long id : ids) {
                apply(id);
            }
            applied = page.get(page.size() - 1).seq();
            writer.commit(Map.of(APPLIED_SEQ, Long.toString(applied)));
            advanced(applied);
            touched += ids.size();
        }
    }

    /**
     * Rebuilds the whole index from PostgreSQL in one commit: searches keep using the old index until the new one
     * is complete. Changes committed meanwhile are applied afterwards by {@link #catchUp}.
     */
    public synchronized RebuildResult rebuild() throws IOException {
        long t0 = System.nanoTime();
        // every change up to here is in what we read below (the horizon too: compaction keeps the newest change)
        long seq = Math.max(changes.lastSeq(), changes.compactedThrough());
        writer.stageDeleteAll();
        int docs = 0;
        int chunkCount = 0;
        long after = 0;
        try {
            for (List<Long> ids = documents.readyIdsAfter(after, PAGE); !ids.isEmpty();
                    ids = documents.readyIdsAfter(after, PAGE)) {
                for (long id : ids) {
                    Optional<Document> doc = documents.findById(id);
                    List<Chunk> list = chunks.findByReadyDocument(id);
                    if (doc.isPresent() && !list.isEmpty()) {
                        writer.stageAdd(doc.get().name(), list);
                        docs++;
                        chunkCount += list.size();
                    }
                    after = id;
                }
            }
            writer.commit(Map.of(APPLIED_SEQ, Long.toString(seq)));
            advanced(seq);
        } catch (IOException | RuntimeException e) {
            rebuildPending = true; // the writer holds a partial rebuild: the next catch-up must finish it first
            throw e;
        }
        rebuildPending = false;
        catchUp();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.infof("Rebuilt the Lucene index from PostgreSQL: %d documents, %d chunks in %d ms", docs, chunkCount, millis);
        return new RebuildResult(docs, chunkCount, seq, millis);
    }

    private void advanced(long seq) {
        visibility.applied(seq);
        try {
            appliedListener.accept(seq);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the applied change number in PostgreSQL; the next heartbeat will", e);
        }
    }

    private void apply(long documentId) throws IOException {
        Optional<Document> doc = documents.findById(documentId);
        List<Chunk> list = doc.isPresent() ? chunks.findByReadyDocument(documentId) : List.of();
        writer.stageReplace(documentId, doc.map(Document::collectionId).orElse(0L), doc.map(Document::name).orElse(""),
                list); // no chunks (deleted, superseded, not READY): removes the document
    }
}
