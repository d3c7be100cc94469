package io.docqa.app.documents;

import io.docqa.app.UseCaseException;
import io.docqa.app.UseCaseException.Kind;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentRepository.Usage;
import io.docqa.security.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * The storage quota of a collection ({@code docqa.security.quota.*}): an upload that would take a collection past
 * its number of documents (409) or bytes of originals (413) is refused as a whole before anything is stored. A
 * .zip to be unpacked counts as one document of its own size here; its members are counted by the next upload.
 * Two uploads checked at the same moment may together pass the limit by one request's worth.
 */
@ApplicationScoped
public class CollectionQuota {

    private final DocumentRepository documents;
    private final SecurityConfig config;

    public CollectionQuota(DocumentRepository documents, SecurityConfig config) {
        this.documents = documents;
        this.config = config;
    }

    void admit(long collectionId, List<UploadedFile> files) {
        int maxDocuments = config.quota().maxDocumentsPerCollection();
        long maxBytes = config.quota().maxBytesPerCollection().asLongValue();
        if (maxDocuments <= 0 && maxBytes <= 0) {
            return;
        }
        Usage usage = documents.usageOf(collectionId);
        if (maxDocuments > 0 && usage.documents() + files.size() > maxDocuments) {
            throw UseCaseException.conflict("This collection holds " + usage.documents() + " documents; "
                    + files.size() + " more would pass its quota of " + maxDocuments
                    + ". Delete documents or ask an administrator to raise docqa.security.quota.max-documents-per-collection.");
        }
        long incoming = files.stream().mapToLong(CollectionQuota::bytesOf).sum();
        if (maxBytes > 0 && usage.bytes() + incoming > maxBytes) {
            throw new UseCaseException(Kind.TOO_LARGE, "This collection holds " + size(usage.bytes())
                    + " of originals; " + size(incoming) + " more would pass its quota of " + size(maxBytes)
                    + ". Delete documents or ask an administrator to raise docqa.security.quota.max-bytes-per-collection.");
        }
    }

    private static long bytesOf(UploadedFile file) {
        try {
            return Files.size(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload of " + file.fileName(), e);
        }
    }

    private static String size(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1_000.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
