package io.docqa.retrieve;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.fixtures.IdentifierContract;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Questions that name a clause get that clause first, for keyword and hybrid search, on a contract ingested
 * through the whole pipeline (DOCX, Tika, chunking, embedding, Lucene, pgvector).
 */
@QuarkusTest
class ClauseIdentifierSearchTest {

    private static Long collection;

    /** Ingests the contract once for all tests of the class (the app's HTTP port is known only inside a test). */
    private static synchronized long collection() throws Exception {
        if (collection == null) {
            collection = ingestContract();
        }
        return collection;
    }

    private static long ingestContract() throws Exception {
        long collection = Api.createCollection("clause-identifiers");
        long documentId = asAdmin().multiPart("file", IdentifierContract.FILE_NAME, IdentifierContract.docx())
                .post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(documentId).get("status"));
        return collection;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            What does Section 12.3 say?                         | bm25   | 12.3 Step-in Rights
            What does Section 12.3 say?                         | hybrid | 12.3 Step-in Rights
            Section 12                                          | bm25   | 12 Duration
            Section 12                                          | hybrid | 12 Duration
            What is in 12.30?                                   | bm25   | 12.30 Survival
            What is in 12.30?                                   | hybrid | 12.30 Survival
            clause 1.2.3                                        | bm25   | 1.2.3 Headings
            clause 1.2.3                                        | hybrid | 1.2.3 Headings
            Explain § 4(b)                                      | bm25   | 4(b) Encryption
            Explain § 4(b)                                      | hybrid | 4(b) Encryption
            What does Schedule 2 cover?                         | bm25   | Schedule 2 Service Levels
            What does Schedule 2 cover?                         | hybrid | Schedule 2 Service Levels
            What does Schedule 12 cover?                        | bm25   | Schedule 12 Processing Details
            What does Schedule 12 cover?                        | hybrid | Schedule 12 Processing Details
            GDPR                                                | bm25   | 7 Data Protection
            GDPR                                                | hybrid | 7 Data Protection
            Which details does Art. 28(3) require?              | bm25   | Schedule 12 Processing Details
            Which details does Art. 28(3) require?              | hybrid | Schedule 12 Processing Details
            """)
    void a_named_identifier_ranks_its_clause_first(String question, String retriever, String heading) throws Exception {
        List<String> found = headings(question, retriever);
        assertTrue(found.get(0).endsWith(heading), question + " with " + retriever + " ranked first: " + found);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bm25
            hybrid
            """)
    void a_quoted_phrase_ranks_the_chunk_holding_it_verbatim_first(String retriever) throws Exception {
        // "the service" and "the Supplier" are in several clauses; only 12.3 has these words in this order
        List<String> phrase = headings("\"operate the service itself\"", retriever);
        assertTrue(phrase.get(0).endsWith("12.3 Step-in Rights"), phrase.toString());
        // the loose words still count: a quote that is nowhere verbatim does not empty the result
        List<String> loose = headings("\"encryption of customer data at rest\"", retriever);
        assertTrue(loose.get(0).endsWith("4(b) Encryption"), loose.toString());
    }

    private List<String> headings(String question, String retriever) throws Exception {
        List<Map<String, Object>> results = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", question, "collections", List.of(collection()), "limit", 5, "retriever", retriever))
                .post("/api/search").then().statusCode(200).extract().jsonPath().getList("results");
        assertFalse(results.isEmpty(), "no results for " + question);
        return results.stream().map(r -> String.valueOf(r.get("headingPath"))).toList();
    }
}
