package io.docqa.retrieve;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A question in the user's own words, all of whose words are common in the collection, finds the passage that
 * answers it in other words among the first five of hybrid search: BM25's matches on the common words do not crowd
 * out what the dense ranking found (docqa.retrieve.unanchored-bm25-factor; with 1.0 the seven passages sharing the
 * question's words fill the first five, though the dense ranking puts the answer second).
 */
@QuarkusTest
class ParaphraseSearchTest {

    private static final String ANSWER = "Turn off confirmation prompts: set confirm to false in the settings file and the"
            + " dialog no longer appears before each action.";

    /** Passages sharing the question's words (get, rid, pop, up, want, approve, everything) about other things. */
    private static final List<String> COMMON_WORDS = List.of(
            "Children want to get up early on the first day of the holidays.",
            "Farmers get up before dawn and want the rain to hold off.",
            "The council must approve everything the builders want to put up.",
            "Pop music fans get tickets as soon as sales open.",
            "The band wants to pop in and approve the stage before the show.",
            "Gardeners get rid of weeds in spring and want everything tidy.",
            "Parents want to get rid of clutter and put everything up in the attic.");

    /** Passages near the answer's subject (software settings) without the question's words. */
    private static final List<String> NEAR_SUBJECT = List.of(
            "Notification sounds are muted in the preferences panel.",
            "The settings file is read when the editor starts; edits take effect after a restart.",
            "Dialog windows remember their size and position between sessions.",
            "Keyboard shortcuts are changed in the preferences under Keys.",
            "Themes change the colours of the editor and of its menus.",
            "Backups are written to the backup folder each night.");

    @Test
    void a_question_in_common_words_finds_the_passage_that_answers_it_in_other_words() throws Exception {
        long collection = Api.createCollection("paraphrase-search");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("answer.txt", ANSWER);
        for (int i = 0; i < COMMON_WORDS.size(); i++) {
            texts.put("common-" + (i + 1) + ".txt", COMMON_WORDS.get(i));
        }
        for (int i = 0; i < NEAR_SUBJECT.size(); i++) {
            texts.put("near-" + (i + 1) + ".txt", NEAR_SUBJECT.get(i));
        }
        List<Long> ids = new ArrayList<>();
        for (var t : texts.entrySet()) {
            ids.add(asAdmin().multiPart("file", t.getKey(), t.getValue().getBytes(StandardCharsets.UTF_8), "text/plain")
                    .post("/api/collections/" + collection + "/documents")
                    .then().statusCode(202).extract().jsonPath().getLong("documents[0].id"));
        }
        for (long id : ids) {
            assertEquals("READY", Api.awaitFinal(id).get("status"));
        }
        String question = "How do I get rid of the pop-up that wants me to approve everything?";
        List<String> bm25 = documents(question, collection, "bm25");
        assertFalse(bm25.contains("answer.txt"), "BM25 alone cannot find it (no shared word): " + bm25);
        List<String> hybrid = documents(question, collection, "hybrid");
        assertTrue(hybrid.contains("answer.txt"), "the answer is in the first five of hybrid search: " + hybrid
                + " (vector: " + documents(question, collection, "vector") + ")");
    }

    private static List<String> documents(String question, long collection, String retriever) {
        List<Map<String, Object>> results = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", question, "collections", List.of(collection), "limit", 5, "retriever", retriever))
                .post("/api/search").then().statusCode(200).extract().jsonPath().getList("results");
        return results.stream().map(r -> String.valueOf(r.get("documentName"))).toList();
    }
}
