package io.docqa.ingest;

import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.ingest.jobs.IngestWorker;
import io.docqa.ingest.parse.DocumentParser;
import io.docqa.ingest.parse.DocumentRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Entry point for uploads and deletions, used by the REST API and the UI. */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final OriginalsStore originals;
    private final LuceneChunkWriter luceneWriter;
    private final IngestWorker worker;
    private final DocumentParser parser;

    public IngestService(CollectionRepository collections, DocumentRepository documents, OriginalsStore originals,
            LuceneChunkWriter luceneWriter, IngestWorker worker, DocumentParser parser) {
        this.collections = collections;
        this.documents = documents;
        this.originals = originals;
        this.luceneWriter = luceneWriter;
        this.worker = worker;
        this.parser = parser;
    }

    /**
     * Accepts one uploaded file into a collection and queues it. The same bytes uploaded again into the same
     * collection return the existing document. Files that fail the quick checks (empty, too large, executable,
     * content contradicting the name) are recorded as FAILED at once, with the reason.
     */
    public Document submit(long collectionId, String fileName, InputStream content, String uploadedBy) {
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
            return documents.insert(collectionId, name, null, staged.size(), staged.sha256(), DocumentStatus.FAILED,
                    rejected.get().getMessage(), rejected.get().reason().name(), uploadedBy);
        }
        Document doc = documents.insert(collectionId, name, null, staged.size(), staged.sha256(), DocumentStatus.QUEUED,
                null, null, uploadedBy);
        try {
            originals.keep(staged, doc.id());
        } catch (IOException e) {
            originals.discard(staged);
            documents.markFailed(doc.id(), "The uploaded file could not be stored on the server.", "STORAGE");
            LOG.error("Could not store original of document " + doc.id(), e);
            return documents.require(doc.id());
        }
        worker.wakeUp();
        return doc;
    }

    /** Removes a document from PostgreSQL, Lucene and the stored originals. */
    public void delete(long documentId) {
        documents.require(documentId);
        documents.delete(documentId);
        try {
            luceneWriter.deleteDocument(documentId);
            originals.delete(documentId);
        } catch (IOException e) {
            throw new UncheckedIOException("Document " + documentId + " was deleted, but its index entries could not be removed", e);
        }
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
