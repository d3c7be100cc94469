package io.docqa.app.documents;

import io.docqa.app.UseCaseException;
import io.docqa.app.UseCaseException.Kind;
import io.docqa.app.collections.CollectionAccess;
import io.docqa.ingest.jobs.BatchSummary;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.ZipUploads;
import io.docqa.ingest.parse.DocumentRejectedException;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import io.docqa.security.Caller;
import io.docqa.security.SecurityConfig;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploads into a collection, the same for REST and the UI: write access, at most
 * {@code docqa.security.upload.max-files-per-request} files, a request whose every file is refused for one reason
 * fails as a whole (413 or 415), a collection stays within its {@link CollectionQuota quota}, each accepted file
 * is queued (a .zip unpacked when asked), tagged and audited.
 */
@ApplicationScoped
public class UploadService {

    private final IngestService ingest;
    private final ZipUploads zipUploads;
    private final DocumentAttributes attributes;
    private final JobRepository jobs;
    private final CollectionAccess access;
    private final SecurityConfig securityConfig;
    private final AuditLog audit;
    private final CollectionQuota quota;

    public UploadService(IngestService ingest, ZipUploads zipUploads, DocumentAttributes attributes, JobRepository jobs,
            CollectionAccess access, SecurityConfig securityConfig, AuditLog audit, CollectionQuota quota) {
        this.quota = quota;
        this.ingest = ingest;
        this.zipUploads = zipUploads;
        this.attributes = attributes;
        this.jobs = jobs;
        this.access = access;
        this.securityConfig = securityConfig;
        this.audit = audit;
    }

    /** Most files one upload may hold. */
    public int maxFilesPerRequest() {
        return securityConfig.upload().maxFilesPerRequest();
    }

    /** A new batch id, for uploads that arrive in several requests ({@link #addToBatch}). */
    public String newBatch() {
        return IngestService.newBatchId();
    }

    /**
     * Uploads the files of one request as a new batch. {@code tags}: comma-separated tags for every document;
     * {@code expand}: each .zip file is unpacked and its members become documents.
     */
    public Uploaded upload(Caller caller, long collectionId, List<UploadedFile> files, String tags, boolean expand) {
        return submit(caller, collectionId, files, tags, expand, IngestService.newBatchId(), 0);
    }

    /**
     * Adds files to a batch that arrives in several requests (a drop of files in the UI sends them one at a time);
     * the limit on files counts those already in the batch.
     */
    public Uploaded addToBatch(Caller caller, long collectionId, String batchId, List<UploadedFile> files) {
        if (jobs.batchCollection(batchId).filter(c -> c != collectionId).isPresent()) {
            // a batch is authorised through its one collection: it may never span two
            throw UseCaseException.invalid("This upload batch belongs to another collection; start a new upload.");
        }
        int already = jobs.batch(batchId).map(BatchSummary::total).orElse(0);
        return submit(caller, collectionId, files, null, false, batchId, already);
    }

    private Uploaded submit(Caller caller, long collectionId, List<UploadedFile> files, String tagsField,
            boolean expand, String batchId, int alreadyInBatch) {
        Caller current = access.editor(caller);
        access.writable(current, collectionId);
        List<String> tags = TagRules.parseCommaSeparated(tagsField);
        if (files == null || files.isEmpty()) {
            throw UseCaseException.invalid("No file received: send one or more multipart parts named 'file'.");
        }
        int maxFiles = maxFilesPerRequest();
        if (alreadyInBatch + files.size() > maxFiles) {
            throw new UseCaseException(Kind.TOO_LARGE, alreadyInBatch + files.size()
                    + " files in one request; at most " + maxFiles + " are accepted.");
        }
        refuseWhenEveryFileIsRefused(files);
        quota.admit(collectionId, files);
        String user = current.username();
        List<Document> accepted = new ArrayList<>(files.size());
        for (UploadedFile file : files) {
            if (expand && ZipUploads.isZip(file.fileName())) { // each member becomes a document
                accepted.addAll(zipUploads.submitMembers(collectionId, file.path(), file.fileName(), user, batchId));
                continue;
            }
            try (InputStream in = Files.newInputStream(file.path())) {
                accepted.add(ingest.submit(collectionId, file.fileName(), in, user, batchId));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the upload of " + file.fileName(), e);
            }
        }
        for (Document doc : accepted) {
            if (!tags.isEmpty()) {
                attributes.setTags(doc.id(), tags);
            }
            audit.record(user, AuditAction.UPLOAD, List.of(collectionId), Long.toString(doc.id()),
                    Map.of("name", doc.name(), "status", doc.status().name()));
        }
        return new Uploaded(accepted, batchId);
    }

    /**
     * When no file of a request can be accepted for one reason — all too large (413) or all of a type DocQA does
     * not read (415) — the request fails as a whole and nothing is stored. Otherwise each refused file is recorded
     * as FAILED beside its accepted batch-mates.
     */
    private void refuseWhenEveryFileIsRefused(List<UploadedFile> files) {
        List<DocumentRejectedException> refusals = new ArrayList<>();
        for (UploadedFile file : files) {
            Optional<DocumentRejectedException> refused = ingest.precheck(file.path(), file.fileName());
            if (refused.isEmpty()) {
                return;
            }
            refusals.add(refused.get());
        }
        String message = refusals.size() == 1 ? refusals.get(0).getMessage()
                : String.join(" ", files.stream().map(UploadedFile::fileName).toList()) + ": "
                        + refusals.stream().map(DocumentRejectedException::getMessage).distinct().toList();
        if (refusals.stream().allMatch(r -> r.reason() == Reason.TOO_LARGE)) {
            throw new UseCaseException(Kind.TOO_LARGE, message);
        }
        if (refusals.stream().allMatch(r -> r.reason() == Reason.UNSUPPORTED_TYPE || r.reason() == Reason.TYPE_MISMATCH)) {
            throw new UseCaseException(Kind.UNSUPPORTED_TYPE, message);
        }
    }
}
