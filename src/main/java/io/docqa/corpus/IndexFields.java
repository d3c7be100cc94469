package io.docqa.corpus;

import java.util.EnumMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;

/**
 * Lucene field names and the analyzer, shared by the writer (ingest) and the searcher (retrieve).
 * One Lucene document per chunk.
 *
 * <p>The analyzed text fields exist once per {@link CollectionLanguage}: English uses the plain names
 * ({@code text}, {@code headings}, {@code title}), other languages add their code ({@code text_de}, ...), and the
 * analyzer chooses the language's analysis by field name. A chunk is indexed in the fields of its collection's
 * language only.
 */
public final class IndexFields {
    /** Stored long: the chunk's primary key in PostgreSQL. */
    public static final String CHUNK_ID = "chunk_id";
    /** Indexed keyword: used to delete a document's chunks. */
    public static final String DOCUMENT_ID = "document_id";
    /** Indexed keyword: used to filter by collection inside the query. */
    public static final String COLLECTION_ID = "collection_id";
    /** Analyzed chunk text (English; see {@link #field}). */
    public static final String TEXT = "text";
    /** Analyzed heading path of the chunk ("Article 7 › 7.2 Termination"; English; see {@link #field}). */
    public static final String HEADINGS = "headings";
    /** Analyzed document name (English; see {@link #field}). */
    public static final String TITLE = "title";
    /**
     * Clause identifiers, acronyms and "Schedule 2"-style pairs from the text and heading path, analyzed by
     * {@link IdentifierAnalyzer} whatever the language.
     */
    public static final String IDENT = "ident";

    /** Query-time boosts: a match in a heading or the title says more than one in running text. */
    public static final Map<String, Float> BOOSTS = Map.of(TEXT, 1.0f, HEADINGS, 1.5f, TITLE, 1.2f);
    /** Query-time boost of identifier matches: naming "Section 12.3" should bring exactly that clause first. */
    public static final float IDENT_BOOST = 2.0f;
    /** Query-time boost of a quoted phrase found verbatim (after analysis). */
    public static final float PHRASE_BOOST = 2.0f;

    private IndexFields() {
    }

    /** The name of an analyzed field ({@link #TEXT}, {@link #HEADINGS}, {@link #TITLE}) for a language. */
    public static String field(String base, CollectionLanguage language) {
        return language == CollectionLanguage.EN ? base : base + "_" + language.code();
    }

    /** The query-time boosts of a language's text fields, by field name. */
    public static Map<String, Float> boosts(CollectionLanguage language) {
        return Map.of(field(TEXT, language), BOOSTS.get(TEXT), field(HEADINGS, language), BOOSTS.get(HEADINGS),
                field(TITLE, language), BOOSTS.get(TITLE));
    }

    /**
     * The analyzer for every field, used for both indexing and querying: each language's analysis for its text
     * fields (English for the plain names), {@link IdentifierAnalyzer} for {@link #IDENT}.
     */
    public static Analyzer analyzer() {
        return new PerFieldLanguageAnalyzer();
    }

    /** The terms {@code analyzer} makes of {@code text} for {@code field}, in order (duplicates kept). */
    public static java.util.List<String> terms(Analyzer analyzer, String field, String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (org.apache.lucene.analysis.TokenStream ts = analyzer.tokenStream(field, text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static final class PerFieldLanguageAnalyzer extends DelegatingAnalyzerWrapper {
        private final Map<CollectionLanguage, Analyzer> byLanguage = new EnumMap<>(CollectionLanguage.class);
        private final Analyzer identifiers = new IdentifierAnalyzer();

        PerFieldLanguageAnalyzer() {
            super(PER_FIELD_REUSE_STRATEGY);
            for (CollectionLanguage l : CollectionLanguage.values()) {
                byLanguage.put(l, l.newAnalyzer());
            }
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            if (IDENT.equals(fieldName)) {
                return identifiers;
            }
            int underscore = fieldName.lastIndexOf('_');
            CollectionLanguage language = underscore < 0 ? CollectionLanguage.EN
                    : CollectionLanguage.byCode(fieldName.substring(underscore + 1)).orElse(CollectionLanguage.EN);
            return byLanguage.get(language);
        }

        @Override
        public void close() {
            byLanguage.values().forEach(Analyzer::close);
            identifiers.close();
            super.close();
        }
    }
}
