package io.docqa.ingest.index;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.IndexFields;
import io.docqa.corpus.LuceneStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final CollectionRepository languages;
    private final LuceneStore store;

    public LuceneChunkWriter(LuceneStore store, CollectionRepository languages) {
        this.languages = languages;
        this.store = store;
        try {
            IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(store.directory(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Lucene index for writing", e);
        }
    }

    /** Replaces a document's chunks without committing: part of a batch of changes committed by {@link #commit}. */
    public void stageReplace(long documentId, long collectionId, String documentName, List<Chunk> chunks)
            throws IOException {
        if (chunks.isEmpty()) {
            writer.deleteDocuments(documentTerm(documentId));
            return;
        }
        CollectionLanguage language = languages.languageOf(collectionId);
        List<Document> docs = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            docs.add(toLucene(chunk, documentName, language));
        }
        writer.updateDocuments(documentTerm(documentId), docs);
    }

    /** Adds chunks without deleting anything first (index rebuilds, after {@link #stageDeleteAll}). */
    public void stageAdd(String documentName, List<Chunk> chunks) throws IOException {
        List<Document> docs = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            docs.add(toLucene(chunk, documentName, languages.languageOf(chunk.collectionId())));
        }
        writer.addDocuments(docs);
    }

    /** Removes everything, without committing: the first step of a rebuild, invisible until {@link #commit}. */
    public void stageDeleteAll() throws IOException {
        writer.deleteAll();
    }

    /** Commits every staged change at once, recording {@code userData} (e.g. the applied change number) with it. */
    public void commit(Map<String, String> userData) throws IOException {
        writer.setLiveCommitData(new HashMap<>(userData).entrySet());
        writer.commit();
        store.committed();
    }

    /** The user data of the last commit (or of the last {@link #commit} call). */
    public Map<String, String> commitData() {
        Map<String, String> out = new HashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            data.forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Chunk ids of the committed index, for consistency checks against PostgreSQL. */
    public List<Long> committedChunkIds() throws IOException {
        List<Long> ids = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
            for (var leaf : reader.leaves()) {
                var stored = leaf.reader().storedFields();
                var live = leaf.reader().getLiveDocs();
                for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                    if (live == null || live.get(i)) {
                        ids.add(stored.document(i).getField(IndexFields.CHUNK_ID).numericValue().longValue());
                    }
                }
            }
        }
        return ids;
    }

    /**
     * The Lucene document of a chunk: the text fields are those of the collection's language; text and heading path
     * also go to the identifier field.
     */
    public static Document toLucene(Chunk chunk, String documentName, CollectionLanguage language) {
        String text = IndexFields.field(IndexFields.TEXT, language);
        Document d = new Document();
        d.add(new StoredField(IndexFields.CHUNK_ID, chunk.id()));
        d.add(new StringField(IndexFields.DOCUMENT_ID, Long.toString(chunk.documentId()), Field.Store.NO));
        d.add(new StringField(IndexFields.COLLECTION_ID, Long.toString(chunk.collectionId()), Field.Store.NO));
        d.add(new TextField(text, chunk.text(), Field.Store.NO));
        d.add(new TextField(IndexFields.IDENT, chunk.text(), Field.Store.NO));
        if (chunk.context() != null) {
            d.add(new TextField(text, chunk.context(), Field.Store.NO)); // e.g. a table's header row
        }
        if (chunk.headingPath() != null) {
            d.add(new TextField(IndexFields.field(IndexFields.HEADINGS, language), chunk.headingPath(), Field.Store.NO));
            d.add(new TextField(IndexFields.IDENT, chunk.headingPath(), Field.Store.NO));
        }
        d.add(new TextField(IndexFields.field(IndexFields.TITLE, language), documentName, Field.Store.NO));
        return d;
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
