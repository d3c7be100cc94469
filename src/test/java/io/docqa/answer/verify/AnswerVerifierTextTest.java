package io.docqa.answer.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docqa.answer.verify.AnswerVerifier.Source;
import io.docqa.answer.verify.AnswerVerifier.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text handling of verification: sentence splitting around citation markers, verbatim quotation lookup. */
class AnswerVerifierTextTest {

    @Test
    void citation_markers_after_the_full_stop_stay_with_their_sentence() {
        assertEquals(List.of("Notice is 90 days [1][2].", "Fees are monthly [3]."),
                AnswerVerifier.splitSentences("Notice is 90 days. [1][2] Fees are monthly [3]."));
    }

    @Test
    void a_quotation_is_found_despite_line_breaks_and_typographic_quotes_and_gives_document_offsets() {
        Source source = new Source(1, "Intro.\nThe “Services” mean\nconsulting  work.", 100);
        Span span = AnswerVerifier.locateVerbatim(source, "\"Services\" mean consulting work");
        assertEquals("“Services” mean\nconsulting  work", span.quote());
        assertEquals(100 + source.text().indexOf("“Services”"), span.start());
        assertEquals(span.start() + span.quote().length(), span.end());
    }

    @Test
    void a_quotation_with_a_changed_word_is_not_found() {
        assertNull(AnswerVerifier.locateVerbatim(new Source(1, "payable within thirty (30) days", 0),
                "payable within sixty (60) days"));
    }
}
