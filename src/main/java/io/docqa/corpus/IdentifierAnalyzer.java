package io.docqa.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter.StemmerOverrideMap;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Analysis of the {@link IndexFields#IDENT} field: keeps what legal text uses to point at a clause, which word
 * analyzers split or stem away. Terms (lower-cased):
 * <ul>
 *   <li>numbers with their dotted parts and parenthesised sub-items as one term: {@code 12.3}, {@code 4(b)},
 *       {@code 28(3)(a)}, {@code 1.2.3} (so 12.3 never matches 12, 1.2.3, 3 or 12.30);</li>
 *   <li>all-capital acronyms: {@code gdpr}, {@code ccpa};</li>
 *   <li>a word (not an English stop word) followed by such a number, as one term: {@code schedule 2}, {@code section 12.3},
 *       {@code article 28(3)}; the abbreviations Art., Sec., Sch., Cl., Para. and the sign § are written out
 *       first, so "Art. 28(3)" and "Article 28(3)" meet, as do "§ 4(b)" and "Section 4(b)".</li>
 * </ul>
 * Everything else is dropped: ordinary words are the text fields' business.
 */
public final class IdentifierAnalyzer extends Analyzer {

    /** Words, §-signs, and numbers with optional dotted parts, one trailing letter and parenthesised sub-items. */
    private static final Pattern TOKEN = Pattern.compile(
            "§+|\\p{L}[\\p{L}\\p{M}]*|\\d+(?:\\.\\d+)*(?:[a-zA-Z](?!\\p{L}))?(?:\\([0-9a-zA-Z]{1,4}\\))*");
    private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}{2,10}");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*");

    private final StemmerOverrideMap abbreviations;

    public IdentifierAnalyzer() {
        try {
            StemmerOverrideFilter.Builder b = new StemmerOverrideFilter.Builder(true);
            b.add("art", "article");
            b.add("arts", "article");
            b.add("sec", "section");
            b.add("sect", "section");
            b.add("sch", "schedule");
            b.add("sched", "schedule");
            b.add("cl", "clause");
            b.add("para", "paragraph");
            b.add("§", "section");
            b.add("§§", "section");
            this.abbreviations = b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new PatternTokenizer(TOKEN, 0);
        TokenStream ts = new StemmerOverrideFilter(source, abbreviations);
        ShingleFilter pairs = new ShingleFilter(ts, 2, 2);
        pairs.setTokenSeparator(" ");
        ts = new LowerCaseFilter(new IdentifierFilter(pairs));
        return new TokenStreamComponents(source, ts);
    }

    /** Keeps numbers, acronyms and word-number pairs; case is still as written here. */
    private static final class IdentifierFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        IdentifierFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            String t = term.toString();
            int space = t.indexOf(' ');
            if (space < 0) {
                return Character.isDigit(t.charAt(0)) || ACRONYM.matcher(t).matches();
            }
            String first = t.substring(0, space);
            String second = t.substring(space + 1);
            return WORD.matcher(first).matches() && Character.isDigit(second.charAt(0))
                    && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(first.toLowerCase(Locale.ROOT));
        }
    }
}
