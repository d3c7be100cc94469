package io.docqa.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class IdentifierAnalyzerTest {

    private final Analyzer analyzer = IndexFields.analyzer();

    private List<String> terms(String field, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void clause_numbers_stay_whole_and_pair_with_the_word_before_them() throws IOException {
        assertEquals(List.of("section 12.3", "12.3", "12.30", "1.2.3"),
                terms(IndexFields.IDENT, "Section 12.3 applies, not 12.30 or 1.2.3."));
        assertEquals(List.of("schedule 2", "2", "schedule 12", "12"), terms(IndexFields.IDENT, "Schedule 2 and Schedule 12"));
    }

    @Test
    void sub_items_in_parentheses_belong_to_the_number() throws IOException {
        assertEquals(List.of("section 4(b)", "4(b)"), terms(IndexFields.IDENT, "as set out in § 4(b)"));
        assertEquals(List.of("article 28(3)", "28(3)", "gdpr"), terms(IndexFields.IDENT, "under Art. 28(3) GDPR"));
    }

    @Test
    void abbreviations_and_the_section_sign_meet_the_written_out_words() throws IOException {
        assertTrue(terms(IndexFields.IDENT, "Article 28(3)").contains("article 28(3)"));
        assertEquals(List.of("section 4(b)", "4(b)"), terms(IndexFields.IDENT, "Section 4(b)"));
    }

    @Test
    void ordinary_words_are_left_to_the_text_fields() throws IOException {
        assertEquals(List.of(), terms(IndexFields.IDENT, "The Supplier shall notify the Customer without delay."));
    }

    @Test
    void text_fields_are_analyzed_in_their_language() throws IOException {
        assertEquals(List.of("termin"), terms(IndexFields.TEXT, "terminations"));
        String german = IndexFields.field(IndexFields.TEXT, CollectionLanguage.DE);
        assertEquals("text_de", german);
        assertEquals(terms(german, "Kündigung"), terms(german, "Kündigungen"));
        assertEquals(List.of("terminations"), terms(IndexFields.field(IndexFields.TEXT, CollectionLanguage.NONE), "Terminations"));
    }
}
