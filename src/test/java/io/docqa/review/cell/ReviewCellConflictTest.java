package io.docqa.review.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.DocumentRepository;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A document that states a value in two clauses with different figures gives a conflicting cell quoting both; a
 * document that states it once, or twice the same, gives a supported one (extractive path).
 */
@QuarkusTest
class ReviewCellConflictTest {

    private static final String QUESTION = "What is the notice period for termination?";

    @Inject
    ReviewCellAnswerer answerer;
    @Inject
    DocumentRepository documents;

    private static long upload(String name, String text) throws IOException {
        Path dir = Files.createTempDirectory("review-conflict");
        Path file = Files.writeString(dir.resolve(name), text);
        long collection = Api.createCollection("Review cells: " + name);
        long id = Api.asAdmin().multiPart("file", file.toFile()).post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        return id;
    }

    private CellAnswer notice(long document) {
        return answerer.withModel(Optional.empty())
                .answer(document, new ReviewColumn("notice", "Notice", QUESTION, AnswerType.DURATION, null));
    }

    private static String agreement(String firstNotice, String secondNotice) {
        return """
                Services Agreement

                1. Term
                This Agreement starts on 1 March 2024 and continues for a period of three years.

                7. Termination
                The notice period for termination of this Agreement by either party is %s, given in writing.

                12. Notices
                The notice period for termination of this Agreement by either party shall be %s from receipt.
                """.formatted(firstNotice, secondNotice);
    }

    @Test
    void two_clauses_giving_different_notice_periods_make_a_conflicting_cell_quoting_both() throws IOException {
        long id = upload("conflicting-notice.txt", agreement("30 days", "60 days"));
        CellAnswer cell = notice(id);
        assertEquals(CellStatus.CONFLICTING, cell.status(), cell.message() + " " + cell.quotes());
        assertEquals(2, cell.quotes().size(), cell.quotes().toString());
        List<String> quoted = cell.quotes().stream().map(CellQuote::text).toList();
        assertTrue(quoted.stream().anyMatch(q -> q.contains("30 days")), quoted.toString());
        assertTrue(quoted.stream().anyMatch(q -> q.contains("60 days")), quoted.toString());
        assertTrue(cell.quotes().get(0).text().contains(cell.value()), "the value shown is the best sentence's");
        for (CellQuote q : cell.quotes()) {
            assertEquals(q.text(), documents.textAround(id, q.start(), q.end(), 0).orElseThrow().text());
        }
        assertTrue(cell.message().contains("30 days") && cell.message().contains("60 days"), cell.message());
    }

    @Test
    void a_notice_period_stated_the_same_in_two_clauses_is_supported_despite_another_duration() throws IOException {
        CellAnswer cell = notice(upload("agreeing-notice.txt", agreement("30 days", "thirty (30) days")));
        assertEquals(CellStatus.SUPPORTED, cell.status(), cell.message() + " " + cell.quotes());
        assertEquals("30 days", cell.normalized());
        assertEquals(1, cell.quotes().size());
    }
}
