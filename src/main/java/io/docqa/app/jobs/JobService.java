package io.docqa.app.jobs;

import io.docqa.app.UseCaseException;
import io.docqa.app.collections.CollectionAccess;
import io.docqa.ingest.jobs.BatchSummary;
import io.docqa.corpus.DocumentStatus;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.ingest.jobs.JobState;
import io.docqa.ingest.IngestService;
import io.docqa.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Ingestion jobs and upload batches, limited to the collections the caller may read: a batch of another
 * collection is as unknown as one that never existed.
 */
@ApplicationScoped
public class JobService {

    /** Most jobs of each kind a listing returns. */
    public static final int MAX_LIMIT = 1000;

    private final JobRepository jobs;
    private final IngestService ingest;
    private final CollectionAccess access;

    public JobService(JobRepository jobs, IngestService ingest, CollectionAccess access) {
        this.jobs = jobs;
        this.ingest = ingest;
        this.access = access;
    }

    /** Running and queued work (oldest first) and the latest failures, at most {@code limit} (1 to 1000) of each. */
    public JobOverview list(Caller caller, int limit) {
        List<Long> readable = access.readableIds(access.current(caller));
        List<JobState> all = jobs.listActiveAndFailed(readable, Math.max(1, Math.min(limit, MAX_LIMIT)));
        return new JobOverview(count(all, DocumentStatus.PROCESSING), count(all, DocumentStatus.QUEUED),
                count(all, DocumentStatus.FAILED), all);
    }

    /** Counts by status, progress and failures of an upload batch. */
    public BatchSummary batch(Caller caller, String batchId) {
        readableBatch(access.current(caller), batchId);
        return jobs.batch(batchId).orElseThrow(() -> batchNotFound(batchId));
    }

    /** The batch, if it has documents and the caller may read its collection. */
    public Optional<BatchSummary> findBatch(Caller caller, String batchId) {
        Caller current = access.current(caller);
        return jobs.batchCollection(batchId).filter(c -> access.mayRead(current, c)).flatMap(c -> jobs.batch(batchId));
    }

    /** All unfinished work in the collection, wherever it came from (REST, the CLI, the watched folder, the UI). */
    public Optional<BatchSummary> workInFlight(Caller caller, long collectionId) {
        Caller current = access.current(caller);
        return access.mayRead(current, collectionId) ? jobs.workInFlight(collectionId) : Optional.empty();
    }

    /** Cancels every unfinished document of the batch; returns how many. */
    public int cancelBatch(Caller caller, String batchId) {
        Caller current = access.editor(caller);
        access.writable(current, readableBatch(current, batchId));
        return ingest.cancelBatch(batchId, current.username());
    }

    /** The collection of a batch the caller may read. */
    private long readableBatch(Caller current, String batchId) {
        Optional<Long> collection = jobs.batchCollection(batchId);
        if (collection.isEmpty() || !access.mayRead(current, collection.get())) {
            throw batchNotFound(batchId);
        }
        return collection.get();
    }

    private static UseCaseException batchNotFound(String batchId) {
        return UseCaseException.notFound("No upload batch " + batchId + ".");
    }

    private static int count(List<JobState> jobs, DocumentStatus status) {
        return (int) jobs.stream().filter(j -> j.status() == status).count();
    }
}
