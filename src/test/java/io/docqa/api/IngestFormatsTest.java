package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.testing.Api;
import io.docqa.testing.HostileFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ingestion of every format through the REST API on the real stack: every format fixture and every kind of bad input in
 * one batch; pipelines chosen per collection (contracts: clauses, glossary, cross-references; knowledge-base:
 * OCR off).
 */
@QuarkusTest
class IngestFormatsTest {

    private static final Path FORMATS = Api.FIXTURES.resolve("formats");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_batch_of_every_format_and_every_kind_of_bad_input_ends_with_each_file_ready_or_failed_for_a_stated_reason()
            throws Exception {
        long collection = Api.createCollection("All formats");
        Path tmp = Files.createTempDirectory("docqa-bad-input");
        Map<Path, String> files = new LinkedHashMap<>();
        for (String f : List.of("quarterly-report.pptx", "travel-policy.odt", "incident-report.eml", "bundle.zip",
                "security-notice.rtf", "budget.xlsx", "cafe-windows1252.txt", "onboarding.md", "legacy.doc",
                "outlook.msg", "scanned-memo.pdf", "price-list.docx", "whiteboard.png")) {
            files.put(FORMATS.resolve(f), "READY");
        }
        files.put(FORMATS.resolve("protected.docx"), "ENCRYPTED");
        files.put(Api.FIXTURES.resolve("corrupt.pdf"), "CORRUPT");
        files.put(Api.FIXTURES.resolve("encrypted.pdf"), "ENCRYPTED");
        files.put(Api.FIXTURES.resolve("empty.txt"), "EMPTY_FILE");
        files.put(Api.FIXTURES.resolve("program.pdf"), "UNSUPPORTED_TYPE");
        files.put(HostileFiles.zipBomb(tmp), "ARCHIVE_BOMB");
        files.put(HostileFiles.nestedZip(Files.createDirectories(tmp.resolve("n")), 12), "ARCHIVE_BOMB");
        files.put(HostileFiles.randomBinary(tmp, "random.bin", 100_000), "UNSUPPORTED_TYPE");
        files.put(HostileFiles.invalidEncoding(tmp), "READY");
        files.put(HostileFiles.singleLine(tmp, 6), "TOO_LARGE"); // over the test profile's 5 MB limit

        RequestSpecification req = asAdmin();
        for (Path f : files.keySet()) {
            req = req.multiPart("file", f.toFile());
        }
        JsonPath upload = req.post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath();
        List<Path> paths = new ArrayList<>(files.keySet());
        for (int i = 0; i < paths.size(); i++) {
            Map<String, Object> doc = Api.awaitFinal(upload.getLong("documents[" + i + "].id"));
            String expected = files.get(paths.get(i));
            String name = paths.get(i).getFileName().toString();
            if (expected.equals("READY")) {
                assertEquals("READY", doc.get("status"), () -> name + " failed: " + doc.get("error"));
                assertTrue((Integer) doc.get("chunks") >= 1, name);
            } else {
                assertEquals("FAILED", doc.get("status"), name);
                assertEquals(expected, doc.get("errorCode"), () -> name + ": " + doc.get("error"));
                String error = (String) doc.get("error");
                assertTrue(error != null && error.length() > 20 && !error.contains("Exception"), name + ": " + error);
            }
        }
        asAdmin().get("/api/collections").then().statusCode(200); // still healthy and answering

        assertAnswerCites("How long did the outage on 3 March last?", collection, "incident-report.eml", "forty-seven minutes");
        assertAnswerCites("What was the root cause of the payment gateway outage?", collection, "incident-report.eml",
                "expired TLS certificate");
        assertAnswerCites("How much did revenue grow in the third quarter?", collection, "quarterly-report.pptx",
                "fourteen percent");
        assertAnswerCites("Where must badges be worn?", collection, "security-notice.rtf", "worn visibly");
        assertAnswerCites("When does the warehouse in Rotterdam close?", collection, "scanned-memo.pdf", "Rotterdam");
        assertAnswerCites("How many days of paid vacation do full-time employees receive?", collection, "bundle.zip",
                "twenty-five (25) days");
        // onboarding.md is also a member of bundle.zip, read as Markdown there too: either copy answers
        assertAnswerCites("Who receives the laptop on the first morning from the IT desk?", collection,
                List.of("onboarding.md", "bundle.zip"), "floor four");
        assertAnswerCites("What is the research budget?", collection, "budget.xlsx", "340000");
        assertAnswerCites("Where does the Lisbon office move to?", collection, "whiteboard.png", "Avenida da Liberdade");

        assertFound("Economy class flights shorter than six hours", collection, "travel-policy.odt");
        assertFound("MIME registry use cases type detection", collection, "outlook.msg");
        assertFound("café siège huit heures déjeuner", collection, "cafe-windows1252.txt");
        assertFound("canteen soup Thursdays", collection, "broken-encoding.txt");

        long priceList = upload.getLong("documents[11].id");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM chunks WHERE document_id = ? AND context = 'Product code | Product name | Unit price'")) {
            ps.setLong(1, priceList);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "later parts of the split price table carry its header row");
            }
        }
    }

    @Test
    void a_contracts_collection_chunks_by_clause_and_keeps_a_glossary_and_cross_references() {
        JsonPath pipelines = asAdmin().get("/api/pipelines").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("contracts", "default", "knowledge-base"), pipelines.getList("name"));
        assertEquals("clauses", pipelines.getString("find { it.name == 'contracts' }.chunking"));

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Bad pipeline", "pipeline", "nonsense"))
                .post("/api/collections").then().statusCode(400);
        JsonPath created = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Supplier contracts", "pipeline", "contracts"))
                .post("/api/collections").then().statusCode(201).extract().jsonPath();
        assertEquals("contracts", created.getString("pipeline"));
        long collection = created.getLong("id");
        assertEquals("contracts", asAdmin().get("/api/collections/" + collection).then().statusCode(200)
                .extract().jsonPath().getString("pipeline"));
        long plain = Api.createCollection("Plain collection");
        assertEquals("default", asAdmin().get("/api/collections/" + plain).then().extract().jsonPath().getString("pipeline"));

        long id = Api.upload(collection, "supply-contract.pdf").then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("READY", doc.get("status"), () -> "failed: " + doc.get("error"));

        JsonPath glossary = asAdmin().get("/api/documents/" + id + "/glossary").then().statusCode(200).extract().jsonPath();
        List<String> terms = glossary.getList("terms.term");
        assertTrue(terms.containsAll(List.of("Agreement", "Buyer", "Delivery Date", "Products", "Supplier")), terms.toString());
        assertTrue(glossary.getString("terms.find { it.term == 'Delivery Date' }.definition")
                .contains("shall mean the date stated in a purchase order"));
        List<String> labels = glossary.getList("links.label");
        assertTrue(labels.containsAll(List.of("Section 3.2", "Section 4.1", "Exhibit A")), labels.toString());

        // a clause is found by its section title, and its chunk holds that clause only
        JsonPath hits = Api.search("liquidated damages", List.of(collection), 3).then().statusCode(200).extract().jsonPath();
        assertEquals("Article 3 Price and Payment › 3.2 Liquidated damages", hits.getString("results[0].headingPath"));
        assertTrue(hits.getString("results[0].text").contains("two percent (2%)"));
        assertTrue(!hits.getString("results[0].text").contains("sixty (60) days"));
        long damagesChunk = hits.getLong("results[0].chunkId");
        assertTrue(glossary.getList("links.targetChunkId", Long.class).contains(damagesChunk),
                "Section 3.2 links to the chunk of clause 3.2");
    }

    @Test
    void a_scan_in_a_collection_whose_pipeline_has_ocr_off_fails_as_needing_ocr() {
        long collection = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Wiki", "pipeline", "knowledge-base"))
                .post("/api/collections").then().statusCode(201).extract().jsonPath().getLong("id");
        long id = asAdmin().multiPart("file", FORMATS.resolve("scanned-memo.pdf").toFile())
                .multiPart("file", FORMATS.resolve("onboarding.md").toFile())
                .post("/api/collections/" + collection + "/documents").then().statusCode(202)
                .extract().jsonPath().getLong("documents[0].id");
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("FAILED", doc.get("status"));
        assertEquals("NEEDS_OCR", doc.get("errorCode"));
        assertTrue(((String) doc.get("error")).contains("needs OCR"), (String) doc.get("error"));
    }

    private static void assertFound(String query, long collection, String document) {
        List<String> names = Api.search(query, List.of(collection), 3).then().statusCode(200).extract().jsonPath()
                .getList("results.documentName");
        assertTrue(names.contains(document), query + " → " + names);
    }

    private static void assertAnswerCites(String question, long collection, String document, String fact) {
        assertAnswerCites(question, collection, List.of(document), fact);
    }

    private static void assertAnswerCites(String question, long collection, List<String> documents, String fact) {
        JsonPath answer = Api.ask(question, List.of(collection)).then().statusCode(200).extract().jsonPath();
        List<String> names = answer.getList("citations.documentName");
        List<String> texts = answer.getList("citations.text");
        boolean cited = false;
        for (int i = 0; i < names.size(); i++) {
            cited |= documents.contains(names.get(i)) && texts.get(i).contains(fact);
        }
        assertTrue(cited, question + " → " + answer.getString("answer") + " citing " + names);
    }
}
