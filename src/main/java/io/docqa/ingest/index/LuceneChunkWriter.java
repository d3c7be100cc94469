package io.docqa.ingest.index;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.IndexFields;
import io.docqa.corpus.LuceneStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/** The single Lucene {@link IndexWriter} of the application. Every change is committed before it returns. */
@ApplicationScoped
public class LuceneChunkWriter {

    private final IndexWriter writer;

    public LuceneChunkWriter(LuceneStore store) {
        try {
            IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(store.directory(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Lucene index for writing", e);
        }
    }

    /** Replaces all chunks of a document atomically: one commit removes the old and adds the new. */
    public void replaceDocument(long documentId, long collectionId, String documentName, List<Chunk> chunks)
            throws IOException {
        List<Document> docs = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            Document d = new Document();
            d.add(new StoredField(IndexFields.CHUNK_ID, chunk.id()));
            d.add(new StringField(IndexFields.DOCUMENT_ID, Long.toString(documentId), Field.Store.NO));
            d.add(new StringField(IndexFields.COLLECTION_ID, Long.toString(collectionId), Field.Store.NO));
            d.add(new TextField(IndexFields.TEXT, chunk.text(), Field.Store.NO));
            if (chunk.context() != null) {
                d.add(new TextField(IndexFields.TEXT, chunk.context(), Field.Store.NO)); // e.g. a table's header row
            }
            if (chunk.headingPath() != null) {
                d.add(new TextField(IndexFields.HEADINGS, chunk.headingPath(), Field.Store.NO));
            }
            d.add(new TextField(IndexFields.TITLE, documentName, Field.Store.NO));
            docs.add(d);
        }
        writer.updateDocuments(documentTerm(documentId), docs);
        writer.commit();
    }

    public void deleteDocument(long documentId) throws IOException {
        writer.deleteDocuments(documentTerm(documentId));
        writer.commit();
    }

    /** Number of chunk entries of a document currently in the index (committed or not). */
    public int countDocument(long documentId) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            return new IndexSearcher(reader).count(new TermQuery(documentTerm(documentId)));
        }
    }

    private static Term documentTerm(long documentId) {
        return new Term(IndexFields.DOCUMENT_ID, Long.toString(documentId));
    }

    @PreDestroy
    void close() throws IOException {
        writer.close();
    }
}
