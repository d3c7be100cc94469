package io.docqa.review.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.docqa.corpus.DocumentRepository;
import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One cell at a time, on the synthetic licence agreement fixture: typed values with exact quotes, "not found", bad
 * input and failing documents as error cells, and the LLM path against a scripted OpenAI-compatible server over
 * HTTP (verified quotes, changed figures, the model saying not found, HTTP errors).
 */
@QuarkusTest
class ReviewCellAnswererTest {

    private static final ScriptedOpenAiServer SERVER = startServer();
    private static long agreement;

    @Inject
    ReviewCellAnswerer answerer;
    @Inject
    DocumentRepository documents;

    @BeforeEach
    void uploadOnce() {
        if (agreement == 0) {
            long collection = Api.createCollection("Review cells: agreement");
            agreement = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                    .getLong("documents[0].id");
            assertEquals("READY", Api.awaitFinal(agreement).get("status"));
        }
        SERVER.reset();
    }

    private static ReviewColumn column(String question, AnswerType type) {
        return new ReviewColumn("c", "Column", question, type, null);
    }

    private CellAnswer extractive(String question, AnswerType type) {
        return answerer.withModel(Optional.empty()).answer(agreement, column(question, type));
    }

    private void assertExactQuotes(CellAnswer cell) {
        assertTrue(!cell.quotes().isEmpty(), "a supported cell is quoted");
        for (CellQuote q : cell.quotes()) {
            assertEquals(q.text(), documents.textAround(agreement, q.start(), q.end(), 0).orElseThrow().text());
        }
    }

    @Test
    void an_amount_is_normalised_to_amount_and_currency_and_quoted_exactly() {
        CellAnswer fee = extractive("What is the annual licence fee?", AnswerType.MONEY);
        assertEquals(CellStatus.SUPPORTED, fee.status(), fee.message());
        assertEquals("48000 GBP", fee.normalized());
        assertEquals("48,000 pounds", fee.value());
        assertExactQuotes(fee);
        assertTrue(fee.quotes().get(0).text().contains("The annual licence fee is 48,000 pounds"));
    }

    @Test
    void the_parties_of_the_preamble_are_listed_with_their_definitions_quoted() {
        CellAnswer parties = extractive("Who are the parties?", AnswerType.PARTY_LIST);
        assertEquals("Northwind Analytics Ltd; Contoso Retail plc", parties.normalized());
        assertExactQuotes(parties);
    }

    @Test
    void yes_no_follows_the_negation_of_the_governing_clause() {
        CellAnswer reveal = extractive("May the recipient reveal Confidential Information to third parties?",
                AnswerType.YES_NO);
        assertEquals("no", reveal.normalized(), reveal.quotes().toString());
        CellAnswer forbidden = extractive("Is the recipient prohibited from revealing Confidential Information?",
                AnswerType.YES_NO);
        assertEquals("yes", forbidden.normalized(), forbidden.quotes().toString());
    }

    @Test
    void a_question_the_document_does_not_answer_is_not_found_never_a_guess() {
        CellAnswer cell = extractive("What is the boiling point of liquid nitrogen on Mars?", AnswerType.NUMBER);
        assertEquals(CellStatus.NOT_FOUND, cell.status());
        assertEquals(null, cell.normalized());
        assertEquals(List.of(), cell.quotes());
    }

    @Test
    void bad_columns_and_missing_documents_are_error_cells_with_a_reason() {
        assertEquals(CellStatus.ERROR, extractive("  ", AnswerType.TEXT).status());
        assertEquals(CellStatus.ERROR, answerer.answer(agreement, column("What is the fee?", null)).status());
        CellAnswer missing = answerer.answer(Long.MAX_VALUE, column("What is the fee?", AnswerType.MONEY));
        assertEquals(CellStatus.ERROR, missing.status());
        assertTrue(missing.message().contains("no longer exists"), missing.message());
        CellAnswer huge = extractive("What is the annual licence fee? " + "x".repeat(10_000), AnswerType.MONEY);
        assertNotEquals(CellStatus.ERROR, huge.status(), huge.message());
    }

    @Test
    void a_document_deleted_before_its_cell_runs_is_an_error_cell() {
        long collection = Api.createCollection("Review cells: deleted");
        long id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        Api.awaitFinal(id);
        Api.asAdmin().delete("/api/documents/" + id).then().statusCode(204);
        CellAnswer cell = answerer.answer(id, column("What is the annual licence fee?", AnswerType.MONEY));
        assertEquals(CellStatus.ERROR, cell.status());
    }

    @Test
    void cells_answered_from_many_threads_are_those_answered_one_by_one() throws Exception {
        List<ReviewColumn> columns = List.of(column("What is the annual licence fee?", AnswerType.MONEY),
                column("Who are the parties?", AnswerType.PARTY_LIST),
                column("How long do obligations survive termination?", AnswerType.DURATION),
                column("What licence is granted?", AnswerType.TEXT));
        List<CellAnswer> sequential = columns.stream().map(c -> answerer.answer(agreement, c)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CellAnswer>> parallel = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (ReviewColumn c : columns) {
                    parallel.add(pool.submit(() -> answerer.answer(agreement, c)));
                }
            }
            for (int i = 0; i < parallel.size(); i++) {
                assertEquals(sequential.get(i % columns.size()), parallel.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    // ---- with a language model ----

    private CellAnswer withModel(String reply, String question, AnswerType type) {
        SERVER.enqueue(Reply.of(reply));
        ChatModel model = OpenAiChatModel.builder().baseUrl(SERVER.baseUrl()).apiKey("test-key").modelName("scripted")
                .timeout(Duration.ofSeconds(5)).maxRetries(0).build();
        return answerer.withModel(Optional.of(model)).answer(agreement, column(question, type));
    }

    @Test
    void the_models_typed_answer_is_kept_when_its_quote_is_in_the_document_and_holds_the_value() {
        CellAnswer fee = withModel("ANSWER: 48,000 pounds\nQUOTE [1]: \"The annual licence fee is 48,000 pounds\"",
                "What is the annual licence fee?", AnswerType.MONEY);
        assertEquals(CellStatus.SUPPORTED, fee.status(), fee.message());
        assertEquals("48000 GBP", fee.normalized());
        assertExactQuotes(fee);
        String request = SERVER.requests().get(0);
        assertTrue(request.contains("What is the annual licence fee?") && request.contains("QUOTE [n]"), request);
    }

    @Test
    void a_changed_figure_or_an_invented_quote_is_unsupported() {
        CellAnswer changed = withModel("ANSWER: 84,000 pounds\nQUOTE [1]: \"The annual licence fee is 48,000 pounds\"",
                "What is the annual licence fee?", AnswerType.MONEY);
        assertEquals(CellStatus.UNSUPPORTED, changed.status());
        assertTrue(changed.message().contains("84000 GBP"), changed.message());
        CellAnswer invented = withModel("ANSWER: 48,000 pounds\nQUOTE [1]: \"The fee is 48,000 pounds a year\"",
                "What is the annual licence fee?", AnswerType.MONEY);
        assertEquals(CellStatus.UNSUPPORTED, invented.status());
        assertEquals(List.of(), invented.quotes());
    }

    @Test
    void the_model_saying_not_found_is_a_not_found_cell() {
        CellAnswer cell = withModel("NOT_FOUND", "What is the annual licence fee?", AnswerType.MONEY);
        assertEquals(CellStatus.NOT_FOUND, cell.status());
    }

    @Test
    void an_http_error_of_the_model_server_is_an_error_cell_saying_so() throws IOException {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/v1/chat/completions", exchange -> {
            byte[] body = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            ChatModel model = OpenAiChatModel.builder()
                    .baseUrl("http://127.0.0.1:" + failing.getAddress().getPort() + "/v1").apiKey("k")
                    .modelName("m").timeout(Duration.ofSeconds(5)).maxRetries(0).build();
            CellAnswer cell = answerer.withModel(Optional.of(model))
                    .answer(agreement, column("What is the annual licence fee?", AnswerType.MONEY));
            assertEquals(CellStatus.ERROR, cell.status());
            assertTrue(cell.message().contains("503"), cell.message());
        } finally {
            failing.stop(0);
        }
    }

    /** A scripted OpenAI-compatible server for one test class (closed after it). */
    static ScriptedOpenAiServer startServer() {
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }
}
