package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Review tables over real HTTP, real PostgreSQL and real ingestion of the contract fixtures: a review created from the
 * built-in template is computed to the last cell, paged, overridden / verified / flagged (audited), extended by a
 * column (only its cells computed), re-run, cancelled and resumed, exported as XLSX (read back with POI) and CSV;
 * who may see, create and change it follows the collection's permissions; bad input is a JSON 400.
 */
@QuarkusTest
class ReviewApiTest {

    static final Set<String> FINAL = Set.of("supported", "not_found", "unsupported", "conflicting", "error");

    record World(long contracts, long other, long empty, List<Long> documents, long formulaDocument) {
    }

    private static World world;

    static synchronized World world() {
        if (world != null) {
            return world;
        }
        long contracts = Api.createCollection("reviews: contracts");
        long other = Api.createCollection("reviews: other");
        long empty = Api.createCollection("reviews: empty");
        List<Long> ids = new ArrayList<>();
        Response uploaded = Api.upload(contracts, "licence-agreement.txt", "service-agreement.pdf", "supply-contract.pdf");
        uploaded.then().statusCode(202);
        ids.addAll(uploaded.jsonPath().getList("documents.id", Long.class));
        long formula = asAdmin().multiPart("file", "=SUM(1+1).txt",
                "Payment terms. Invoices are payable within thirty days.".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + contracts + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        ids.add(formula);
        long handbook = Api.upload(other, "employee-handbook.docx").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        for (long id : LongStream.concat(ids.stream().mapToLong(Long::longValue), LongStream.of(handbook)).toArray()) {
            assertEquals("READY", Api.awaitFinal(id).get("status"), "fixture " + id + " must ingest");
        }
        user("rv-editor", "EDITOR", Map.of(contracts, "EDITOR", empty, "EDITOR"));
        user("rv-reader", "READER", Map.of(contracts, "READER"));
        user("rv-outsider", "EDITOR", Map.of(other, "EDITOR"));
        world = new World(contracts, other, empty, List.copyOf(ids), formula);
        return world;
    }

    private static void user(String name, String role, Map<Long, String> memberships) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", name, "password", name + "-password",
                "role", role)).post("/api/users").then().statusCode(201);
        memberships.forEach((collection, r) -> asAdmin().contentType(ContentType.JSON).body(Map.of("role", r))
                .put("/api/collections/" + collection + "/members/" + name).then().statusCode(204));
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-password").contentType(ContentType.JSON);
    }

    static long createFromTemplate(String name, List<Long> documentIds) {
        return as("rv-editor").body(Map.of("name", name, "collectionId", world().contracts(), "documentIds",
                documentIds, "templateId", "commercial-contract")).post("/api/reviews").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static JsonPath awaitDone(long reviewId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath review = as("rv-editor").get("/api/reviews/" + reviewId).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(review.getString("progress.state"))) {
                return review;
            }
            sleep(250);
        }
        throw new AssertionError("Review " + reviewId + " did not finish within 240 s");
    }

    static List<Map<String, Object>> allCells(String user, long reviewId) {
        List<Map<String, Object>> rows = as(user).get("/api/reviews/" + reviewId + "/cells?limit=1000").then()
                .statusCode(200).extract().jsonPath().getList("");
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rowCells = (List<Map<String, Object>>) row.get("cells");
            cells.addAll(rowCells);
        }
        return cells;
    }

    @Test
    void a_review_from_the_contract_template_computes_every_cell_with_quotes_and_reports_progress() {
        List<Long> docs = world().documents().subList(0, 3);
        long id = createFromTemplate("Data room", docs);
        JsonPath done = awaitDone(id);
        assertEquals(60, done.getInt("progress.total"), "3 documents × 20 template columns");
        assertEquals(60, done.getInt("progress.done"));
        assertEquals("60 of 60 cells, done", done.getString("progress.text"));
        assertEquals(20, done.getList("columns").size());
        assertTrue(done.getList("columns.key").containsAll(List.of("parties", "governing-law", "liability-cap")));

        Response page = as("rv-editor").get("/api/reviews/" + id + "/cells?offset=1&limit=1");
        page.then().statusCode(200).header("X-Total-Count", "3");
        assertEquals(1, page.jsonPath().getList("").size());
        assertEquals(20, page.jsonPath().getList("[0].cells").size());

        List<Map<String, Object>> cells = allCells("rv-editor", id);
        assertEquals(60, cells.size());
        assertTrue(cells.stream().allMatch(c -> FINAL.contains(c.get("status"))), "every cell ends in a final status");
        List<Map<String, Object>> supported = cells.stream().filter(c -> "supported".equals(c.get("status"))).toList();
        assertFalse(supported.isEmpty(), "the fixtures answer some clauses");
        for (Map<String, Object> c : supported) {
            assertNotNull(c.get("value"));
            assertFalse(((List<?>) c.get("quotes")).isEmpty(), "a supported cell quotes its document: " + c);
        }
        Map<String, Object> parties = cells.stream().filter(c -> c.get("column").equals("parties")
                && ((Number) c.get("documentId")).longValue() == docs.get(0)).findFirst().orElseThrow();
        assertTrue(String.valueOf(parties.get("value")).contains("Northwind"), "parties of the licence: " + parties);

        // the per-column counts add up to the rows
        for (Map<String, Object> column : done.getList("columns", Map.class).stream().map(m -> (Map<String, Object>) m)
                .toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Integer> n = (Map<String, Integer>) column.get("counts");
            assertEquals(3, n.get("supported") + n.get("notFound") + n.get("unsupported") + n.get("conflicting")
                    + n.get("error"), "counts of " + column.get("key"));
        }
        // filters of the UI: rows whose parties cell is supported
        as("rv-editor").get("/api/reviews/" + id + "/cells?column=parties&status=supported").then().statusCode(200)
                .header("X-Total-Count", Integer.toString((int) cells.stream().filter(c -> c.get("column")
                        .equals("parties") && "supported".equals(c.get("status"))).count()));
    }

    @Test
    void a_reviewer_overrides_verifies_flags_and_rates_a_cell_and_each_change_is_kept_and_audited() {
        long doc = world().documents().get(0);
        long id = as("rv-editor").body(Map.of("name", "Governing law", "collectionId", world().contracts(),
                "documentIds", List.of(doc), "columns", List.of(Map.of("name", "Governing law",
                        "question", "Which law governs the agreement?", "type", "text")))).post("/api/reviews").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        awaitDone(id);
        String cellUrl = "/api/reviews/" + id + "/cells/" + doc + "/governing-law";
        String computed = as("rv-editor").get(cellUrl).then().statusCode(200).extract().jsonPath().getString("value");

        JsonPath overridden = as("rv-editor").body(Map.of("value", "English law", "verified", true, "flagged", true,
                "comment", "Checked against clause 12", "rating", "down", "ratingReason", "wrong")).patch(cellUrl)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("English law", overridden.getString("value"));
        assertEquals(computed, overridden.getString("computedValue"), "the computed value is kept");
        assertTrue(overridden.getBoolean("overridden"));
        assertEquals("rv-editor", overridden.getString("overriddenBy"));
        assertNotNull(overridden.getString("overriddenAt"));
        assertEquals("rv-editor", overridden.getString("verifiedBy"));
        assertTrue(overridden.getBoolean("flagged"));
        assertEquals("Checked against clause 12", overridden.getString("comment"));
        assertEquals("down", overridden.getString("rating"));

        JsonPath review = as("rv-reader").get("/api/reviews/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(1, review.getInt("columns[0].counts.verified"));
        assertEquals(1, review.getInt("columns[0].counts.flagged"));
        assertEquals(1, review.getInt("columns[0].counts.overridden"));

        JsonPath reverted = as("rv-editor").body(Map.of("clearOverride", true, "flagged", false)).patch(cellUrl).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(computed, reverted.getString("value"));
        assertFalse(reverted.getBoolean("flagged"));

        List<Map<String, Object>> audit = asAdmin().get("/api/audit?action=REVIEW_CELL_UPDATED&actor=rv-editor").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertTrue(audit.stream().anyMatch(e -> ("review:" + id).equals(e.get("target"))
                && String.valueOf(e.get("detail")).contains("English law")), "the override is audited: " + audit);
        assertTrue(asAdmin().get("/api/audit?action=REVIEW_CREATED&actor=rv-editor").then().statusCode(200).extract()
                .jsonPath().getList("target").contains("review:" + id), "the run is audited");
    }

    @Test
    void adding_a_column_or_a_document_computes_only_the_new_cells_and_a_rerun_recomputes_a_column() {
        List<Long> docs = world().documents();
        long id = as("rv-editor").body(Map.of("name", "Growing", "collectionId", world().contracts(), "documentIds",
                List.of(docs.get(0), docs.get(1)), "columns", List.of(Map.of("name", "Term",
                        "question", "What is the term of the agreement?", "type", "duration")))).post("/api/reviews")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        awaitDone(id);
        Map<String, Object> before = finishedAt(id);

        JsonPath added = as("rv-editor").body(Map.of("columns", List.of(Map.of("name", "Fees",
                "question", "What fee is payable?", "type", "money")))).post("/api/reviews/" + id + "/columns").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(4, added.getInt("progress.total"));
        as("rv-editor").body(Map.of("documentIds", List.of(docs.get(2)))).post("/api/reviews/" + id + "/documents")
                .then().statusCode(200);
        JsonPath done = awaitDone(id);
        assertEquals(6, done.getInt("progress.total"), "3 documents × 2 columns");
        Map<String, Object> after = finishedAt(id);
        before.forEach((cell, at) -> assertEquals(at, after.get(cell), "an existing cell is not computed again: " + cell));
        assertEquals(6, after.size());

        int queued = as("rv-editor").body(Map.of("column", "term")).post("/api/reviews/" + id + "/rerun").then()
                .statusCode(200).extract().jsonPath().getInt("queued");
        assertEquals(3, queued);
        awaitDone(id);
        Map<String, Object> rerun = finishedAt(id);
        rerun.forEach((cell, at) -> {
            if (cell.endsWith("/term")) {
                assertNotEquals(after.get(cell), at, "the re-run column is computed again: " + cell);
            } else {
                assertEquals(after.get(cell), at, "other columns are not: " + cell);
            }
        });
        as("rv-editor").body(Map.of()).post("/api/reviews/" + id + "/rerun").then().statusCode(400);
    }

    private static Map<String, Object> finishedAt(long reviewId) {
        Map<String, Object> out = new HashMap<>();
        allCells("rv-editor", reviewId).forEach(c -> out.put(c.get("documentId") + "/" + c.get("column"),
                c.get("finishedAt")));
        return out;
    }

    @Test
    void a_cancelled_run_ends_without_pending_cells_and_resumes_with_a_rerun_of_the_failed_cells() {
        long id = createFromTemplate("Cancelled", world().documents());
        JsonPath cancelled = as("rv-editor").post("/api/reviews/" + id + "/cancel").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(0, cancelled.getInt("progress.queued") + cancelled.getInt("progress.running"));
        long cancelledCells = allCells("rv-editor", id).stream().filter(c -> "cancelled".equals(c.get("status"))).count();
        if (cancelledCells > 0) {
            assertEquals("cancelled", cancelled.getString("progress.state"));
        }
        as("rv-editor").body(Map.of("failed", true)).post("/api/reviews/" + id + "/rerun").then().statusCode(200);
        JsonPath done = awaitDone(id);
        assertEquals("done", done.getString("progress.state"));
        assertEquals(80, done.getInt("progress.done"));
        assertTrue(allCells("rv-editor", id).stream().allMatch(c -> FINAL.contains(c.get("status"))));
        assertTrue(asAdmin().get("/api/audit?action=REVIEW_CANCELLED").then().statusCode(200).extract().jsonPath()
                .getList("target").contains("review:" + id));
    }

    @Test
    void a_document_deleted_during_the_run_gives_its_cells_a_clear_status_and_the_run_ends() {
        long doomed = asAdmin().multiPart("file", "short-lived.txt",
                "Term. This agreement runs for two years.".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + world().contracts() + "/documents").then().statusCode(202).extract()
                .jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(doomed).get("status"));
        long id = createFromTemplate("Deleted document", List.of(world().documents().get(0), doomed));
        asAdmin().delete("/api/documents/" + doomed).then().statusCode(204);
        JsonPath done = awaitDone(id);
        assertEquals("done", done.getString("progress.state"));
        List<Map<String, Object>> rows = as("rv-editor").get("/api/reviews/" + id + "/cells").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> row = rows.stream().filter(r -> ((Number) r.get("documentId")).longValue() == doomed)
                .findFirst().orElseThrow();
        assertEquals(true, row.get("documentDeleted"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = (List<Map<String, Object>>) row.get("cells");
        assertTrue(cells.stream().allMatch(c -> "document_deleted".equals(c.get("status"))
                || FINAL.contains(c.get("status"))), "no cell of the deleted document is left pending: " + cells);
    }

    @Test
    void exports_stream_an_xlsx_with_one_row_per_document_colours_and_links_and_a_csv_without_formulas()
            throws Exception {
        long id = createFromTemplate("Export", world().documents());
        awaitDone(id);
        byte[] xlsx = as("rv-reader").get("/api/reviews/" + id + "/export?format=xlsx").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(".xlsx")).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals(1 + world().documents().size(), sheet.getPhysicalNumberOfRows(), "header + one row per document");
            Row header = sheet.getRow(0);
            assertEquals("Document", header.getCell(0).getStringCellValue());
            assertEquals("Parties", header.getCell(2).getStringCellValue());
            assertEquals("Parties · source", header.getCell(3).getStringCellValue());
            List<Map<String, Object>> cells = allCells("rv-reader", id);
            Map<String, Object> supported = cells.stream().filter(c -> "supported".equals(c.get("status")))
                    .findFirst().orElseThrow();
            Row row = rowOf(sheet, ((Number) supported.get("documentId")).longValue());
            int col = 2 + 3 * columnIndex(id, (String) supported.get("column"));
            Cell value = row.getCell(col);
            assertEquals(supported.get("value"), value.getStringCellValue());
            XSSFCellStyle style = (XSSFCellStyle) value.getCellStyle();
            assertEquals(FillPatternType.SOLID_FOREGROUND, style.getFillPattern(), "status colour");
            assertTrue(row.getCell(col + 1).getStringCellValue().contains("“"), "the quote is beside the value");
            String link = row.getCell(col + 2).getCellFormula();
            assertTrue(link.contains("/reviews/" + id + "?document=" + supported.get("documentId") + "&column="
                    + supported.get("column")), link);
            Row formulaRow = rowOf(sheet, world().formulaDocument());
            assertEquals(org.apache.poi.ss.usermodel.CellType.STRING, formulaRow.getCell(0).getCellType(),
                    "a document name is text, never a formula");
        }
        String csv = as("rv-reader").get("/api/reviews/" + id + "/export?format=csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(1 + world().documents().size(), lines.size());
        assertTrue(lines.get(0).startsWith("\"document_id\",\"document\",\"Parties\",\"Parties status\""), lines.get(0));
        assertTrue(csv.contains("\"'=SUM(1+1).txt\""), "a formula-like document name is neutralised");
        assertTrue(lines.stream().noneMatch(l -> l.contains(",\"=")), "no field starts a formula");
        assertTrue(asAdmin().get("/api/audit?action=REVIEW_EXPORTED&actor=rv-reader").then().statusCode(200).extract()
                .jsonPath().getList("target").contains("review:" + id), "exports are audited");
        as("rv-reader").get("/api/reviews/" + id + "/export?format=pdf").then().statusCode(400);
    }

    private static Row rowOf(Sheet sheet, long documentId) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && (long) row.getCell(1).getNumericCellValue() == documentId) {
                return row;
            }
        }
        throw new AssertionError("no row for document " + documentId);
    }

    private static int columnIndex(long reviewId, String key) {
        return as("rv-reader").get("/api/reviews/" + reviewId).then().extract().jsonPath().getList("columns.key")
                .indexOf(key);
    }

    @Test
    void permissions_follow_the_collection_readers_read_editors_run_others_see_nothing() {
        long id = createFromTemplate("Permissions", List.of(world().documents().get(0)));
        // reader of the collection: sees the review and its rows, may export, may not create, change or run
        as("rv-reader").get("/api/reviews/" + id).then().statusCode(200).body("mayEdit", org.hamcrest.Matchers.is(false));
        as("rv-reader").get("/api/reviews/" + id + "/cells").then().statusCode(200).header("X-Total-Count", "1");
        assertTrue(as("rv-reader").get("/api/reviews").then().statusCode(200).extract().jsonPath().getList("id",
                Long.class).contains(id));
        as("rv-reader").body(Map.of("name", "Mine", "collectionId", world().contracts(), "templateId",
                "policy-handbook")).post("/api/reviews").then().statusCode(403).body("message",
                        org.hamcrest.Matchers.containsString("editor"));
        String cell = "/api/reviews/" + id + "/cells/" + world().documents().get(0) + "/parties";
        as("rv-reader").body(Map.of("verified", true)).patch(cell).then().statusCode(403);
        as("rv-reader").body(Map.of("failed", true)).post("/api/reviews/" + id + "/rerun").then().statusCode(403);
        as("rv-reader").post("/api/reviews/" + id + "/cancel").then().statusCode(403);
        // member of another collection only: the review does not exist for them
        as("rv-outsider").get("/api/reviews/" + id).then().statusCode(404).body("message",
                org.hamcrest.Matchers.containsString("No review"));
        as("rv-outsider").get("/api/reviews/" + id + "/cells").then().statusCode(404);
        as("rv-outsider").get(cell).then().statusCode(404);
        as("rv-outsider").get("/api/reviews/" + id + "/export?format=csv").then().statusCode(404);
        assertFalse(as("rv-outsider").get("/api/reviews").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class).contains(id));
        // an editor cannot review a collection they are not a member of, nor take documents from another one
        as("rv-editor").body(Map.of("name", "Elsewhere", "collectionId", world().other(), "templateId",
                "policy-handbook")).post("/api/reviews").then().statusCode(404);
        as("rv-outsider").body(Map.of("name", "Smuggled", "collectionId", world().other(), "documentIds",
                List.of(world().documents().get(0)), "templateId", "policy-handbook")).post("/api/reviews").then()
                .statusCode(400);
        // rights are read at each request: a reader removed from the collection loses the review at once
        user("rv-leaver", "READER", Map.of(world().contracts(), "READER"));
        as("rv-leaver").get("/api/reviews/" + id).then().statusCode(200);
        asAdmin().delete("/api/collections/" + world().contracts() + "/members/rv-leaver").then().statusCode(204);
        as("rv-leaver").get("/api/reviews/" + id).then().statusCode(404);
    }

    @Test
    void bad_input_is_refused_with_a_json_error_that_says_what_to_fix() {
        long collection = world().contracts();
        Map<String, Object> ok = Map.of("name", "Q", "question", "What is the term?", "type", "duration");
        assertRefused(review(collection, List.of(Map.of("name", "Q", "question", " ", "type", "text"))), "question is empty");
        assertRefused(review(collection, List.of(Map.of("name", "Q", "question", "x".repeat(10_000), "type", "text"))),
                "at most 2000");
        assertRefused(review(collection, List.of(Map.of("name", "Q", "question", "Why?", "type", "colour"))),
                "yes/no, date, duration, money, number, party list, clause");
        assertRefused(review(world().empty(), List.of(ok)), "no documents");
        assertRefused(as("rv-editor").body(Map.of("name", "Big", "collectionId", collection, "documentIds",
                LongStream.rangeClosed(1, 10_001).boxed().toList(), "columns", List.of(ok))).post("/api/reviews"),
                "at most 10000 documents");
        assertRefused(as("rv-editor").body(Map.of("name", "T", "collectionId", collection, "templateId", "nope"))
                .post("/api/reviews"), "commercial-contract");
        assertRefused(as("rv-editor").body(Map.of("name", "None", "collectionId", collection)).post("/api/reviews"),
                "at least one column");
        long id = createFromTemplate("Bad cells", List.of(world().documents().get(0)));
        assertRefused(as("rv-editor").body(Map.of("rating", "sideways"))
                .patch("/api/reviews/" + id + "/cells/" + world().documents().get(0) + "/parties"), "up");
        as("rv-editor").get("/api/reviews/" + id + "/cells?limit=0").then().statusCode(400);
        as("rv-editor").get("/api/reviews/" + id + "/cells?status=maybe").then().statusCode(400);
        as("rv-editor").get("/api/reviews/987654321").then().statusCode(404).contentType(ContentType.JSON);
    }

    private static Response review(long collection, List<Map<String, Object>> columns) {
        return as("rv-editor").body(Map.of("name", "Bad", "collectionId", collection, "columns", columns))
                .post("/api/reviews");
    }

    private static void assertRefused(Response response, String messagePart) {
        response.then().statusCode(400).contentType(ContentType.JSON);
        String message = response.jsonPath().getString("message");
        assertTrue(message.replace(",", "").contains(messagePart.replace(",", ""))
                || message.contains(messagePart), "message: " + message);
    }

    @Test
    void templates_list_the_built_in_ones_and_an_editor_saves_one_that_a_review_then_uses() {
        world();
        List<Map<String, Object>> templates = as("rv-reader").get("/api/review-templates").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> contract = templates.stream().filter(t -> "commercial-contract".equals(t.get("id")))
                .findFirst().orElseThrow();
        assertEquals(20, ((List<?>) contract.get("columns")).size());
        assertTrue(templates.stream().anyMatch(t -> "policy-handbook".equals(t.get("id"))));
        as("rv-reader").body(Map.of("name", "Mine", "columns", List.of(Map.of("name", "Term", "question", "Term?",
                "type", "duration")))).post("/api/review-templates").then().statusCode(403);
        String saved = as("rv-editor").body(Map.of("name", "Two questions", "columns", List.of(
                Map.of("name", "Term", "question", "What is the term?", "type", "duration"),
                Map.of("name", "Term", "question", "When does it end?", "type", "date")))).post("/api/review-templates")
                .then().statusCode(201).extract().jsonPath().getString("id");
        JsonPath review = as("rv-editor").body(Map.of("name", "From saved", "collectionId", world().contracts(),
                "documentIds", List.of(world().documents().get(0)), "templateId", saved)).post("/api/reviews").then()
                .statusCode(201).extract().jsonPath();
        assertEquals(List.of("term", "term-2"), review.getList("columns.key"));
        assertEquals(Set.of("duration", "date"), review.getList("columns.type").stream().map(String::valueOf)
                .collect(Collectors.toSet()));
        assertNull(review.get("columns[0].instructions"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
