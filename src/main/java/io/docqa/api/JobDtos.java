package io.docqa.api;

import io.docqa.ingest.jobs.BatchSummary;
import io.docqa.corpus.Document;
import io.docqa.app.documents.DocumentDetails;
import io.docqa.app.jobs.Reindexed;
import io.docqa.corpus.DocumentMetadata;
import io.docqa.ingest.jobs.JobState;
import java.time.Instant;
import java.util.List;

/** Bodies of the job, batch and admin endpoints. Field names are part of the public contract. */
public final class JobDtos {

    private JobDtos() {
    }

    /**
     * Ingestion progress of one document: {@code value} from 0 to 1, the current stage, the attempt; {@code owner}
     * is the instance processing it (or that last processed a finished one), null while queued.
     */
    public record Progress(double value, String stage, int attempts, String lastError, Instant nextAttemptAt,
            String owner) {
        static Progress of(JobState j) {
            return new Progress(round(j.progress()), j.stage(), j.attempts(), j.lastError(),
                    j.status().isFinal() ? null : j.nextAttemptAt(), j.owner());
        }
    }

    /** GET /api/documents/{id}: the document fields of the vertical slice, plus progress, batch and version. */
    public record DocumentDetail(long id, String name, long collectionId, String status, String error, String errorCode,
            Integer pages, int chunks, String contentType, long sizeBytes, Instant createdAt, Instant updatedAt,
            Progress progress, String batchId, int version, Long replacesId, List<String> tags,
            Instant documentDate, List<String> warnings) {
        /** {@code warnings}: what could not be read of a READY document; empty when everything was read. */
        static DocumentDetail of(DocumentDetails details) {
            Document d = details.document();
            JobState j = details.job();
            DocumentMetadata a = details.metadata();
            List<String> warnings = details.warnings();
            return new DocumentDetail(d.id(), d.name(), d.collectionId(), d.status().name(), d.error(), d.errorCode(),
                    d.pages(), d.chunks(), d.contentType(), d.sizeBytes(), d.createdAt(), d.updatedAt(), Progress.of(j),
                    j.batchId(), j.version(), j.replacesId(), a.tags(), a.documentDate(), warnings);
        }
    }

    /** One entry of GET /api/jobs. */
    public record JobResponse(long documentId, String name, long collectionId, String status, Progress progress,
            String error, String errorCode, String batchId, int version, String cancelRequestedBy, Instant createdAt,
            Instant startedAt, Instant updatedAt) {
        static JobResponse of(JobState j) {
            return new JobResponse(j.documentId(), j.name(), j.collectionId(), j.status().name(), Progress.of(j),
                    j.error(), j.errorCode(), j.batchId(), j.version(), j.cancelRequestedBy(), j.createdAt(),
                    j.startedAt(), j.updatedAt());
        }
    }

    public record JobsResponse(int running, int queued, int failed, List<JobResponse> jobs) {
    }

    public record FailedDocument(long id, String name, String error, String errorCode) {
    }

    /** GET /api/batches/{id}: counts, overall progress and an estimate of the time left (null until known). */
    public record BatchResponse(String batchId, int total, int queued, int processing, int ready, int failed,
            boolean finished, double progress, Long etaSeconds, List<FailedDocument> failures) {
        static BatchResponse of(BatchSummary b, Instant now) {
            return new BatchResponse(b.batchId(), b.total(), b.queued(), b.processing(), b.ready(), b.failed(),
                    b.done() == b.total(), round(b.progress()), b.secondsLeft(now),
                    b.failures().stream().map(f -> new FailedDocument(f.documentId(), f.name(), f.error(), f.errorCode()))
                            .toList());
        }
    }

    public record CancelResponse(String batchId, Long documentId, int cancelled) {
    }

    public record ReindexResponse(int documents, int chunks, long changeSeq, long millis) {
        static ReindexResponse of(Reindexed r) {
            return new ReindexResponse(r.documents(), r.chunks(), r.changeSeq(), r.millis());
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
