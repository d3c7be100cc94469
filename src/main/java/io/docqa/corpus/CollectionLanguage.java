package io.docqa.corpus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The language of a collection's documents (column {@code collections.language}), chosen at creation. It selects
 * the Lucene analyzer (stemming, stop words, elision) used to index and to query the collection's text.
 */
public enum CollectionLanguage {
    EN("en", "English", EnglishAnalyzer::new),
    DE("de", "German", GermanAnalyzer::new),
    FR("fr", "French", FrenchAnalyzer::new),
    ES("es", "Spanish", SpanishAnalyzer::new),
    IT("it", "Italian", ItalianAnalyzer::new),
    NL("nl", "Dutch", DutchAnalyzer::new),
    PT("pt", "Portuguese", PortugueseAnalyzer::new),
    /** No stemming or stop words: words are only split and lower-cased. */
    NONE("none", "Other (no stemming)", StandardAnalyzer::new);

    /** The language of collections created without one, and of collections created before languages existed. */
    public static final CollectionLanguage DEFAULT = EN;
    /** Longest code, as in the database column. */
    public static final int CODE_MAX_LENGTH = 10;

    private final String code;
    private final String displayName;
    private final Supplier<Analyzer> analyzer;

    CollectionLanguage(String code, String displayName, Supplier<Analyzer> analyzer) {
        this.code = code;
        this.displayName = displayName;
        this.analyzer = analyzer;
    }

    /** ISO 639-1 code, or {@code none}. */
    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    /** A new analyzer for this language's text fields. */
    public Analyzer newAnalyzer() {
        return analyzer.get();
    }

    /** The language with this code (case ignored), or empty. */
    public static Optional<CollectionLanguage> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("standard")) {
            return Optional.of(NONE);
        }
        return Arrays.stream(values()).filter(l -> l.code.equals(wanted)).findFirst();
    }

    /** The language for a stored code; unknown codes (none are written) fall back to the default. */
    public static CollectionLanguage ofStored(String code) {
        return byCode(code).orElse(DEFAULT);
    }

    /** Every code, for messages. */
    public static java.util.List<String> codes() {
        return Arrays.stream(values()).map(CollectionLanguage::code).toList();
    }
}
