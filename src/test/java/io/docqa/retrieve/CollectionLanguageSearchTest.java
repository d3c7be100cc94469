package io.docqa.retrieve;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each collection is indexed and searched with the analysis of its own language. */
@QuarkusTest
class CollectionLanguageSearchTest {

    private static final String GERMAN = """
            Kündigung des Vertrags

            Die Kündigung bedarf der Schriftform und ist mit einer Frist von drei Monaten zum Monatsende möglich.
            """;
    private static final String ENGLISH = """
            Renewal of the contract

            The contract renews automatically each year unless a party objects in writing before the renewal date.
            """;

    private static long german;
    private static long english;
    private static long englishWithGermanText;
    private static boolean ingested;

    /** Creates and fills the collections once for all tests of the class (the app's port is known only in a test). */
    @BeforeEach
    void ingest() {
        synchronized (CollectionLanguageSearchTest.class) {
            if (ingested) {
                return;
            }
            ingested = true;
        }
        german = create("vertraege-de", "de");
        english = create("contracts-en", null);
        englishWithGermanText = create("vertraege-en-analysis", "en");
        upload(german, "kuendigung.txt", GERMAN);
        upload(englishWithGermanText, "kuendigung.txt", GERMAN);
        upload(english, "renewal.txt", ENGLISH);
    }

    @Test
    void the_language_is_chosen_at_creation_and_shown() {
        assertEquals("de", asAdmin().get("/api/collections/" + german).then().statusCode(200).extract().jsonPath()
                .getString("language"));
        assertEquals("en", asAdmin().get("/api/collections/" + english).then().statusCode(200).extract().jsonPath()
                .getString("language"));
        List<Map<String, Object>> all = asAdmin().get("/api/collections").then().statusCode(200).extract().jsonPath()
                .getList("");
        assertTrue(all.stream().anyMatch(c -> "vertraege-de".equals(c.get("name")) && "de".equals(c.get("language"))), all.toString());
    }

    @Test
    void an_unknown_language_is_refused_with_the_choices() {
        String error = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "klingon", "language", "tlh"))
                .post("/api/collections").then().statusCode(400).extract().asString();
        assertTrue(error.contains("tlh") && error.contains("de") && error.contains("none"), error);
        asAdmin().get("/api/collections").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("klingon")));
    }

    @Test
    void german_stemming_conflates_the_forms_of_kuendigung() {
        for (String query : List.of("Kündigungen", "Kündigungsfrist Kündigungen", "Schriftformen")) {
            assertFalse(bm25(query, List.of(german)).isEmpty(), query);
        }
    }

    @Test
    void the_same_german_text_under_english_analysis_does_not_conflate_them() {
        assertTrue(bm25("Kündigungen", List.of(englishWithGermanText)).isEmpty());
        assertFalse(bm25("Kündigung", List.of(englishWithGermanText)).isEmpty());
    }

    @Test
    void english_collections_keep_english_stemming() {
        assertFalse(bm25("renewals", List.of(english)).isEmpty());
        assertTrue(bm25("Kündigungen", List.of(english)).isEmpty());
    }

    @Test
    void a_search_over_collections_of_two_languages_analyzes_each_in_its_own() {
        List<Map<String, Object>> hits = bm25("Kündigungen renewals", List.of(german, english));
        List<Object> names = hits.stream().map(h -> h.get("documentName")).toList();
        assertTrue(names.contains("kuendigung.txt") && names.contains("renewal.txt"), names.toString());
    }

    private List<Map<String, Object>> bm25(String query, List<Long> collections) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", query, "collections", collections, "limit", 5, "retriever", "bm25"))
                .post("/api/search").then().statusCode(200).extract().jsonPath().getList("results");
    }

    private static long create(String name, String language) {
        Map<String, Object> body = language == null ? Map.of("name", name) : Map.of("name", name, "language", language);
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/collections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static void upload(long collection, String fileName, String text) {
        long id = asAdmin().multiPart("file", fileName, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
    }
}
