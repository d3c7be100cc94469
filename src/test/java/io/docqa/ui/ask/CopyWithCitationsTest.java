package io.docqa.ui.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.Citation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Copy with citations" puts the answer and one footnote per source (document, page, quote) on the clipboard. */
class CopyWithCitationsTest {

    @Test
    void the_copied_text_has_a_footnote_per_source_with_document_page_and_quote() {
        Answer answer = new Answer("Notice is ninety days [1]. Late payments bear interest [2].", Answer.LLM, true,
                List.of(new Citation(1, 7, "service-agreement.pdf", 70, 2, "7. Termination", "passage one",
                                "by giving ninety (90)\ndays prior written notice", 10, 55),
                        new Citation(2, 8, "handbook.docx", 80, null, null, "Late payments bear interest at 1%.", null,
                                0, 34)),
                null);
        assertEquals("""
                Notice is ninety days [1]. Late payments bear interest [2].

                [1] service-agreement.pdf, page 2: “by giving ninety (90) days prior written notice”
                [2] handbook.docx: “Late payments bear interest at 1%.”
                """, AnswerCard.withFootnotes(answer));
    }
}
