package io.docqa.ingest;

import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.ingest.config.IngestConfig;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.ingest.jobs.JobsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Expands an uploaded ZIP into one document per member (bulk upload). Bounded against zip bombs: at most
 * {@code docqa.jobs.zip-max-entries} members and {@code docqa.jobs.zip-max-total-bytes} unpacked bytes are read,
 * and no member is read past the file size limit. Nested archives are not expanded: they are ingested as files.
 * A member's folder path is kept in its name ("guides › setup.pdf"), so equal file names in different folders stay
 * different documents rather than versions of each other.
 */
@ApplicationScoped
public class ZipUploads {

    /** Error code of the entry that records why the rest of an archive was not unpacked. */
    public static final String ZIP_LIMIT = "ZIP_LIMIT";

    private final IngestService ingest;
    private final DocumentRepository documents;
    private final JobRepository jobs;
    private final IngestConfig ingestConfig;
    private final JobsConfig config;

    public ZipUploads(IngestService ingest, DocumentRepository documents, JobRepository jobs, IngestConfig ingestConfig,
            JobsConfig config) {
        this.ingest = ingest;
        this.documents = documents;
        this.jobs = jobs;
        this.ingestConfig = ingestConfig;
        this.config = config;
    }

    public static boolean isZip(String fileName) {
        return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Submits each member of the archive as a document of the batch; returns them in archive order. */
    public List<Document> submitMembers(long collectionId, Path zip, String zipName, String user, String batchId) {
        List<Document> out = new ArrayList<>();
        long total = 0;
        int members = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || ignored(entry.getName())) {
                    continue;
                }
                if (members >= config.zipMaxEntries() || total >= config.zipMaxTotalBytes()) {
                    out.add(limitReached(collectionId, zipName, user, batchId, members, total));
                    break;
                }
                members++;
                try (InputStream in = new Bounded(file.getInputStream(entry), ingestConfig.maxFileBytes() + 1)) {
                    Document doc = ingest.submit(collectionId, memberName(entry.getName()), in, user, batchId);
                    total += doc.sizeBytes();
                    out.add(doc);
                }
            }
        } catch (ZipException e) {
            out.add(failed(collectionId, zipName, user, batchId, "CORRUPT",
                    "The ZIP archive could not be read (" + e.getMessage() + ")."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not read the archive " + zipName, e);
        }
        return out;
    }

    private Document limitReached(long collectionId, String zipName, String user, String batchId, int members, long total) {
        return failed(collectionId, zipName, user, batchId, ZIP_LIMIT, "Unpacking stopped after " + members
                + " files and " + (total >> 20) + " MB; the limits are " + config.zipMaxEntries() + " files and "
                + (config.zipMaxTotalBytes() >> 20) + " MB per archive. Split the archive to upload the rest.");
    }

    private Document failed(long collectionId, String zipName, String user, String batchId, String code, String message) {
        Document d = documents.insert(collectionId, IngestService.cleanName(zipName), "application/zip", 0,
                "0".repeat(64), DocumentStatus.FAILED, message, code, user);
        jobs.assign(d.id(), batchId, null, 1);
        return d;
    }

    /** "docs/guides/setup.pdf" → "docs › guides › setup.pdf". */
    static String memberName(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/") || p.startsWith("./")) {
            p = p.substring(p.startsWith("/") ? 1 : 2);
        }
        return String.join(" › ", List.of(p.split("/+")).stream().filter(s -> !s.isBlank() && !s.equals("..")).toList());
    }

    private static boolean ignored(String name) {
        String n = name.replace('\\', '/');
        String last = n.substring(n.lastIndexOf('/') + 1);
        return n.startsWith("__MACOSX/") || last.equals(".DS_Store") || last.equals("Thumbs.db");
    }

    /** Reads at most {@code limit} bytes: a member that claims to be small but unpacks to gigabytes stops early. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
