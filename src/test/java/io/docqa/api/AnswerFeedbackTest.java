package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.mcp.McpClients;
import io.docqa.testing.Api;
import io.docqa.testing.SseEvents;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Feedback that closes the loop, over real HTTP on real PostgreSQL and real indexes: every answer (JSON, SSE, MCP)
 * carries an answerId and is recorded; its asker rates it and may change the rating, nobody else can; administrators
 * list ratings by filter; a wrong answer rated down with the right passage marked becomes a golden-QA case that an
 * evaluation run reports.
 */
@QuarkusTest
class AnswerFeedbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEAVE = "Leave policy. Employees receive twenty-five vacation days per year. Unused"
            + " vacation days expire at the end of March of the following year.";
    private static final String BIKES = "Commuting rules. Bicycles must be parked in the courtyard racks behind"
            + " building B. Electric scooters may be charged only in the basement.";
    private static final String SECRET = "Board minutes. Executives receive forty vacation days.";

    record World(long handbook, long board, long bikesChunk, long boardChunk) {
    }

    private static World world;

    @Inject
    DataSource dataSource;

    static synchronized World world() {
        if (world != null) {
            return world;
        }
        long handbook = Api.createCollection("feedback: handbook");
        long board = Api.createCollection("feedback: board");
        long leave = upload(handbook, "leave-policy.txt", LEAVE);
        long bikes = upload(handbook, "commuting.txt", BIKES);
        long minutes = upload(board, "board-minutes.txt", SECRET);
        for (long id : List.of(leave, bikes, minutes)) {
            assertEquals("READY", Api.awaitFinal(id).get("status"), "fixture " + id + " must ingest");
        }
        long bikesChunk = firstChunk("bicycles parked courtyard racks", handbook);
        long boardChunk = firstChunk("executives vacation days", board);
        for (String user : List.of("fb-reader", "fb-other")) {
            asAdmin().contentType(ContentType.JSON).body(Map.of("username", user, "password", user + "-password",
                    "role", "READER")).post("/api/users").then().statusCode(201);
            asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                    .put("/api/collections/" + handbook + "/members/" + user).then().statusCode(204);
        }
        world = new World(handbook, board, bikesChunk, boardChunk);
        return world;
    }

    private static long upload(long collection, String name, String text) {
        return asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
    }

    private static long firstChunk(String query, long collection) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", query, "collections", List.of(collection), "limit", 1))
                .post("/api/search").then().statusCode(200).extract().jsonPath().getLong("results[0].chunkId");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-password");
    }

    private static long ask(String user, String question, long collection) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("question", question, "collections", List.of(collection)))
                .post("/api/ask").then().statusCode(200).extract().jsonPath().getLong("answerId");
    }

    private static Response rate(RequestSpecification who, long answerId, Map<String, Object> body) {
        return who.contentType(ContentType.JSON).body(body).post("/api/answers/" + answerId + "/feedback");
    }

    private String channelOf(long answerId) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "SELECT channel || ' ' || asked_by || ' ' || question FROM answer_records WHERE id = ?")) {
            s.setLong(1, answerId);
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void every_answer_carries_an_answer_id_in_json_sse_and_mcp_and_is_recorded() throws Exception {
        World w = world();
        long json = ask("fb-reader", "How many vacation days do employees get?", w.handbook());
        assertEquals("api fb-reader How many vacation days do employees get?", channelOf(json));

        String body = as("fb-reader").contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("question", "When do unused vacation days expire?", "collections", List.of(w.handbook())))
                .post("/api/ask").then().statusCode(200).extract().asString();
        SseEvents.Event answer = SseEvents.parse(body).stream().filter(e -> e.name().equals("answer")).findFirst()
                .orElseThrow(() -> new AssertionError("no answer event in " + body));
        long sse = JSON.readTree(answer.data()).path("answerId").asLong();
        assertTrue(sse > 0, answer.data());
        assertEquals("sse fb-reader When do unused vacation days expire?", channelOf(sse));

        String token = as("fb-reader").contentType(ContentType.JSON).body(Map.of("name", "assistant"))
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getString("token");
        McpSyncClient mcp = McpClients.open("http://localhost:" + RestAssured.port, token);
        try {
            CallToolResult r = mcp.callTool(new CallToolRequest("ask", Map.of("question",
                    "Where are bicycles parked?", "collections", List.of(w.handbook()))));
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) r.structuredContent();
            assertNotNull(structured.get("answerId"), String.valueOf(structured));
            long viaMcp = ((Number) structured.get("answerId")).longValue();
            assertEquals("mcp fb-reader Where are bicycles parked?", channelOf(viaMcp));
            assertEquals(3, java.util.Set.of(json, sse, viaMcp).size(), "each answer is recorded once");
        } finally {
            mcp.closeGracefully();
        }
    }

    @Test
    void the_asker_rates_and_re_rates_an_answer_and_nobody_else_can() {
        World w = world();
        long answerId = ask("fb-reader", "How many vacation days per year?", w.handbook());

        JsonNode first = rate(as("fb-reader"), answerId, Map.of("rating", "up")).then().statusCode(201).extract()
                .as(JsonNode.class);
        JsonNode second = rate(as("fb-reader"), answerId, Map.of("rating", "down", "reason", "incomplete",
                "comment", "Says nothing about expiry.", "correctChunkIds", List.of(w.bikesChunk())))
                .then().statusCode(201).extract().as(JsonNode.class);
        assertEquals(first.path("id").asLong(), second.path("id").asLong(), "the second rating replaces the first");
        assertEquals("down", second.path("rating").asText());

        List<Map<String, Object>> rows = asAdmin().queryParam("collectionId", w.handbook()).get("/api/feedback")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.answerId == " + answerId + " }");
        assertEquals(1, rows.size(), "one rating per asker and answer: " + rows);
        assertEquals("down", rows.get(0).get("rating"));
        assertEquals("incomplete", rows.get(0).get("reason"));
        assertEquals("Says nothing about expiry.", rows.get(0).get("comment"));
        assertEquals("fb-reader", rows.get(0).get("user"));
        assertEquals("How many vacation days per year?", rows.get(0).get("question"));

        // another reader of the same collection, and even an administrator, cannot rate someone else's answer
        rate(as("fb-other"), answerId, Map.of("rating", "up")).then().statusCode(404);
        rate(asAdmin(), answerId, Map.of("rating", "up")).then().statusCode(404);
        rate(as("fb-reader"), 999_999_999L, Map.of("rating", "up")).then().statusCode(404);
        // a passage of a collection the asker cannot read, a bad rating, an overlong comment
        rate(as("fb-reader"), answerId, Map.of("rating", "down", "correctChunkIds", List.of(w.boardChunk())))
                .then().statusCode(400);
        rate(as("fb-reader"), answerId, Map.of("rating", "meh")).then().statusCode(400);
        rate(as("fb-reader"), answerId, Map.of("rating", "down", "comment", "x".repeat(2001))).then().statusCode(400);
        rate(as("fb-reader"), answerId, Map.of("rating", "down", "reason", "because")).then().statusCode(400);
        // readers do not list feedback
        as("fb-reader").get("/api/feedback").then().statusCode(403);

        // the asker who lost access to the collection cannot rate the answer any more
        long other = ask("fb-other", "How many vacation days per year?", w.handbook());
        asAdmin().delete("/api/collections/" + w.handbook() + "/members/fb-other").then().statusCode(204);
        rate(as("fb-other"), other, Map.of("rating", "up")).then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + w.handbook() + "/members/fb-other").then().statusCode(204);
    }

    @Test
    void administrators_list_feedback_by_rating_collection_and_period_page_by_page() {
        World w = world();
        long up = ask("fb-other", "Where must bicycles be parked?", w.handbook());
        long down = ask("fb-other", "Where may scooters be charged?", w.handbook());
        rate(as("fb-other"), up, Map.of("rating", "up")).then().statusCode(201);
        rate(as("fb-other"), down, Map.of("rating", "down", "reason", "wrong")).then().statusCode(201);

        List<Long> ups = asAdmin().queryParam("rating", "up").get("/api/feedback").then().statusCode(200).extract()
                .jsonPath().getList("answerId", Long.class);
        assertTrue(ups.contains(up) && !ups.contains(down), ups.toString());
        List<Long> downs = asAdmin().queryParam("rating", "down").get("/api/feedback").then().statusCode(200)
                .extract().jsonPath().getList("answerId", Long.class);
        assertTrue(downs.contains(down) && !downs.contains(up), downs.toString());
        asAdmin().queryParam("collectionId", w.board()).get("/api/feedback").then().statusCode(200)
                .header("X-Total-Count", "0");
        asAdmin().queryParam("from", "2999-01-01").get("/api/feedback").then().statusCode(200)
                .header("X-Total-Count", "0");
        Response page = asAdmin().queryParam("limit", 1).get("/api/feedback");
        page.then().statusCode(200);
        assertEquals(1, page.jsonPath().getList("$").size());
        assertTrue(Integer.parseInt(page.header("X-Total-Count")) >= 2, page.header("X-Total-Count"));
        asAdmin().queryParam("rating", "sideways").get("/api/feedback").then().statusCode(400);
    }

    @Test
    void a_wrong_answer_rated_down_with_the_right_passage_becomes_a_case_an_evaluation_run_reports() throws Exception {
        World w = world();
        String question = "What is the rule for two-wheelers at the office?";
        JsonNode asked = as("fb-reader").contentType(ContentType.JSON)
                .body(Map.of("question", question, "collections", List.of(w.handbook())))
                .post("/api/ask").then().statusCode(200).extract().as(JsonNode.class);
        long answerId = asked.path("answerId").asLong();
        System.out.println("Answered: " + asked.path("answer").asText());
        assertTrue(asked.path("citations").findValues("chunkId").stream().noneMatch(c -> c.asLong() == w.bikesChunk()),
                "DocQA missed the commuting rules (the case a user corrects): " + asked);
        long feedbackId = rate(as("fb-reader"), answerId, Map.of("rating", "down", "reason", "wrong",
                "correctChunkIds", List.of(w.bikesChunk()))).then().statusCode(201).extract().jsonPath().getLong("id");

        // only administrators export
        as("fb-reader").contentType(ContentType.JSON).body(Map.of("name", "x", "feedbackIds", List.of(feedbackId)))
                .post("/api/feedback/dataset").then().statusCode(403);
        JsonNode export = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "from-feedback", "feedbackIds", List.of(feedbackId)))
                .post("/api/feedback/dataset").then().statusCode(201).extract().as(JsonNode.class);
        assertEquals(1, export.path("cases").asInt(), export.toString());
        Path dir = Path.of(export.path("dataset").asText());
        JsonNode golden = JSON.readTree(Files.readString(dir.resolve("golden.jsonl")).strip());
        assertEquals(question, golden.path("question").asText());
        assertEquals("commuting.txt", golden.path("docs").path(0).asText());
        assertTrue(BIKES.contains(golden.path("evidence").path(0).asText()), golden.toString());
        assertTrue(Files.isRegularFile(dir.resolve("documents").resolve("commuting.txt")));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "from-feedback", "feedbackIds", List.of(feedbackId)))
                .post("/api/feedback/dataset").then().statusCode(409);

        Map<String, Object> run = new HashMap<>();
        run.put("dataset", dir.toString());
        run.put("retrievers", List.of("bm25", "hybrid"));
        long runId = asAdmin().contentType(ContentType.JSON).body(run).post("/api/eval/runs").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonNode done = null;
        for (int i = 0; i < 240 && done == null; i++) {
            JsonNode r = asAdmin().get("/api/eval/runs/" + runId).then().statusCode(200).extract().as(JsonNode.class);
            if (!List.of("QUEUED", "RUNNING").contains(r.path("status").asText())) {
                done = r;
            } else {
                Thread.sleep(250);
            }
        }
        assertNotNull(done, "the run finishes");
        assertEquals("DONE", done.path("status").asText(), done.toString());
        assertEquals(1, done.path("results").path("queries").asInt(), "the run reports the one case: " + done);
        for (JsonNode r : done.path("results").path("retrievers")) {
            assertEquals(1, r.path("queries").asInt(), r.toString());
            System.out.printf("Feedback case \"%s\", %s: recall@10 %.3f, MRR@10 %.3f, nDCG@10 %.3f%n", question,
                    r.path("retriever").asText(), r.path("recall10").asDouble(), r.path("mrr10").asDouble(),
                    r.path("ndcg10").asDouble());
        }
        JsonNode hybrid = done.path("results").path("retrievers").path(1);
        assertEquals("hybrid", hybrid.path("retriever").asText());
        assertEquals(1.0, hybrid.path("recall10").asDouble(), "the marked passage is found: " + hybrid);
    }

    @Test
    void administrators_see_insights_with_questions_answered_not_found_most_often() {
        World w = world();
        String unanswerable = "What is the capital of Mongolia?";
        for (int i = 0; i < 2; i++) {
            JsonNode a = as("fb-other").contentType(ContentType.JSON)
                    .body(Map.of("question", unanswerable, "collections", List.of(w.handbook())))
                    .post("/api/ask").then().statusCode(200).extract().as(JsonNode.class);
            assertTrue(a.path("answer").asText().startsWith("Not found"), a.toString());
        }
        long rated = ask("fb-other", "How long is the leave policy valid?", w.handbook());
        rate(as("fb-other"), rated, Map.of("rating", "down", "reason", "other")).then().statusCode(201);

        JsonNode insights = asAdmin().queryParam("collectionId", w.handbook()).get("/api/insights").then()
                .statusCode(200).extract().as(JsonNode.class);
        System.out.println("Insights: " + insights);
        long questions = insights.path("questions").asLong();
        assertTrue(questions >= 3, insights.toString());
        long perDay = 0;
        for (JsonNode d : insights.path("questionsPerDay")) {
            perDay += d.path("questions").asLong();
        }
        assertEquals(questions, perDay, "the days add up");
        assertTrue(insights.path("abstentionRate").asDouble() > 0, insights.toString());
        assertTrue(insights.path("negativeFeedbackRate").asDouble() > 0, insights.toString());
        assertTrue(insights.path("latencyP95Ms").asDouble() >= insights.path("latencyP50Ms").asDouble());
        JsonNode top = insights.path("notFound").path(0);
        assertEquals(unanswerable, top.path("question").asText(), insights.toString());
        assertEquals(2, top.path("times").asLong());

        assertEquals(0, asAdmin().queryParam("collectionId", w.board()).get("/api/insights").then().statusCode(200)
                .extract().jsonPath().getLong("questions"));
        as("fb-other").get("/api/insights").then().statusCode(403);
        asAdmin().queryParam("from", "yesterday").get("/api/insights").then().statusCode(400);
    }
}
