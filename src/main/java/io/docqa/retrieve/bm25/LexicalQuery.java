package io.docqa.retrieve.bm25;

import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Free text to a Lucene query; every character is taken literally (no query syntax from users). Per language of
 * the collections searched, one clause restricted to that language's collections, made of:
 * <ul>
 *   <li>the loose query: any word, in the language's text, heading and title fields (boosted as
 *       {@link IndexFields#BOOSTS});</li>
 *   <li>each text in double quotes as an exact phrase in those fields ({@link IndexFields#PHRASE_BOOST});</li>
 *   <li>the identifiers of the question (12.3, 4(b), GDPR, Schedule 2, ...) in {@link IndexFields#IDENT}
 *       ({@link IndexFields#IDENT_BOOST}).</li>
 * </ul>
 * A chunk matches when any of these match, so quoting or naming an identifier only adds to what plain words find.
 */
public final class LexicalQuery {

    /** Longest query text considered; longer input is cut (keeps clause counts bounded). */
    static final int MAX_QUERY_CHARS = 2000;
    /** Text between straight or typographic double quotes. */
    private static final Pattern QUOTED = Pattern.compile("[\"“”„]([^\"“”„]+)[\"“”„]");

    private final Analyzer analyzer;
    private final boolean identifiers;

    /** A builder using {@link IndexFields#analyzer()}-style analysis, with identifier matching. */
    public LexicalQuery(Analyzer analyzer) {
        this(analyzer, true);
    }

    /** {@code identifiers} false leaves out the identifier field (for comparisons in benchmarks). */
    public LexicalQuery(Analyzer analyzer, boolean identifiers) {
        this.analyzer = analyzer;
        this.identifiers = identifiers;
    }

    /** The query over collections grouped by language, or {@link MatchNoDocsQuery} when nothing can match. */
    public Query build(String text, Map<CollectionLanguage, List<Long>> collectionsByLanguage) {
        return build(text, collectionsByLanguage, true);
    }

    /**
     * {@link #build(String, Map)}; {@code filter} false leaves out the collection filter of a single language's
     * clause, for a searcher whose every document is in the scope (the filter would let every match through).
     * With several languages the filter also keeps a language's clause (the identifier field is shared) to that
     * language's collections, so it stays.
     */
    public Query build(String text, Map<CollectionLanguage, List<Long>> collectionsByLanguage, boolean filter) {
        String cut = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        String plain = cut.replaceAll("\\s+", " ").strip();
        if (plain.isEmpty() || collectionsByLanguage.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        Query identifiers = this.identifiers ? identifiers(plain) : null;
        List<String> phrases = quoted(plain);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int groups = 0;
        for (var entry : collectionsByLanguage.entrySet()) {
            Query matching = matching(plain, phrases, identifiers, entry.getKey());
            if (matching == null || entry.getValue().isEmpty()) {
                continue;
            }
            if (!filter && collectionsByLanguage.size() == 1) {
                return matching;
            }
            List<BytesRef> ids = entry.getValue().stream().map(id -> new BytesRef(Long.toString(id))).toList();
            all.add(new BooleanQuery.Builder()
                    .add(matching, Occur.MUST)
                    .add(new TermInSetQuery(IndexFields.COLLECTION_ID, ids), Occur.FILTER)
                    .build(), Occur.SHOULD);
            groups++;
        }
        return groups == 0 ? new MatchNoDocsQuery() : all.build();
    }

    /** What a chunk of a collection in this language must match, or null when the text gives nothing to match. */
    private Query matching(String plain, List<String> phrases, Query identifiers, CollectionLanguage language) {
        MultiFieldQueryParser parser = parser(language);
        List<Query> parts = new ArrayList<>();
        Query loose = parse(parser, QueryParser.escape(plain));
        if (loose != null) {
            parts.add(loose);
        }
        for (String phrase : phrases) {
            Query exact = parse(parser, '"' + QueryParser.escape(phrase) + '"');
            if (exact != null) {
                parts.add(new BoostQuery(exact, IndexFields.PHRASE_BOOST));
            }
        }
        if (identifiers != null) {
            parts.add(identifiers);
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        parts.forEach(p -> any.add(p, Occur.SHOULD));
        return any.build();
    }

    private MultiFieldQueryParser parser(CollectionLanguage language) {
        String[] fields = {IndexFields.field(IndexFields.TEXT, language), IndexFields.field(IndexFields.HEADINGS, language),
                IndexFields.field(IndexFields.TITLE, language)};
        MultiFieldQueryParser parser = new MultiFieldQueryParser(fields, analyzer, IndexFields.boosts(language));
        parser.setDefaultOperator(QueryParser.Operator.OR);
        return parser;
    }

    private static Query parse(QueryParser parser, String escaped) {
        try {
            Query q = parser.parse(escaped);
            return q == null || q instanceof MatchNoDocsQuery || q instanceof BooleanQuery b && b.clauses().isEmpty()
                    ? null : q;
        } catch (ParseException | IndexSearcher.TooManyClauses e) {
            return null;
        }
    }

    /** Identifier terms of the question as one boosted disjunction, or null when it names none. */
    Query identifiers(String text) {
        Set<String> terms = identifierTerms(text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        terms.forEach(t -> any.add(new TermQuery(new Term(IndexFields.IDENT, t)), Occur.SHOULD));
        return new BoostQuery(any.build(), IndexFields.IDENT_BOOST);
    }

    /** The {@link IndexFields#IDENT} terms of a text, in order of appearance. */
    Set<String> identifierTerms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(IndexFields.IDENT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount() / 4) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** Texts between double quotes. */
    static List<String> quoted(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            if (!m.group(1).isBlank()) {
                out.add(m.group(1).strip());
            }
        }
        return out;
    }
}
