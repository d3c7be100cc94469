package io.docqa.corpus;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Lucene field names and the analyzer, shared by the writer (ingest) and the searcher (retrieve).
 * One Lucene document per chunk.
 */
public final class IndexFields {
    /** Stored long: the chunk's primary key in PostgreSQL. */
    public static final String CHUNK_ID = "chunk_id";
    /** Indexed keyword: used to delete a document's chunks. */
    public static final String DOCUMENT_ID = "document_id";
    /** Indexed keyword: used to filter by collection inside the query. */
    public static final String COLLECTION_ID = "collection_id";
    /** Analyzed chunk text. */
    public static final String TEXT = "text";
    /** Analyzed heading path of the chunk ("Article 7 › 7.2 Termination"). */
    public static final String HEADINGS = "headings";
    /** Analyzed document name. */
    public static final String TITLE = "title";

    /** Query-time boosts: a match in a heading or the title says more than one in running text. */
    public static final Map<String, Float> BOOSTS = Map.of(TEXT, 1.0f, HEADINGS, 1.5f, TITLE, 1.2f);

    private IndexFields() {
    }

    /** English analysis (stemming and stop words), used for both indexing and querying. */
    public static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }
}
