package io.docqa.answer;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Questions that name their document, version, section or a specific thing, asked through POST /api/ask in
 * extractive mode: the named version is cited and its siblings are not; a version, section or name the documents
 * lack is answered "not found" with a notice saying what is missing; only the collections searched count.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamedTargetsAnswerTest {

    static final String V1 = """
            Acme Master Services Agreement, version 1

            1. Liability. The total liability of either party under this agreement is capped at the fees paid in the
            twelve months before the claim.

            2. Term. This agreement runs for two years from the effective date.
            """;
    static final String V2 = """
            Acme Master Services Agreement, version 2

            1. Liability. The total liability of either party under this agreement is capped at twice the fees paid in
            the twelve months before the claim.

            2. Term. This agreement runs for three years from the effective date.

            3. Audit. The customer may audit the supplier's records once per calendar year on thirty days' notice.
            """;
    static final String NDA = """
            Globex Mutual Non-Disclosure Agreement

            1. Confidentiality. The recipient keeps the discloser's confidential information secret for five years and
            uses it only to evaluate the proposed transaction.

            2. Return. On request the recipient returns or destroys every copy of the confidential information.
            """;
    static final String INITECH = """
            Initech Source Licence, Version 2

            1. Grant. Initech grants every licensee the right to run, study and modify the covered source code.
            """;
    static final String HOOLI = """
            Hooli Licence

            1. Grant. Hooli grants each licensee the right to copy the covered work.

            2. Conditions. A licensee who distributes the covered work must:
            a) keep this notice intact;
            b) state the changes made to the work;
            c) include the full text of this licence.

            3. Warranty. The covered work comes without any warranty of fitness for a particular purpose.
            """;
    static final String OTHER = """
            Zorblax Protocol Handbook

            1. Purpose. The Zorblax protocol governs how confidential information is exchanged between the parties.
            """;

    private long contracts;
    private long other;

    @BeforeEach
    void ingestOnce() {
        if (contracts != 0) {
            return;
        }
        contracts = Api.createCollection("named-targets");
        other = Api.createCollection("named-targets-other");
        upload(contracts, Map.of("Acme MSA v1.txt", V1, "Acme MSA v2.txt", V2, "Globex NDA.txt", NDA,
                "Initech Licence.txt", INITECH, "Hooli Licence.txt", HOOLI));
        upload(other, Map.of("Zorblax handbook.txt", OTHER));
    }

    @Test
    void the_named_version_is_cited_and_its_sibling_is_not() {
        JsonPath a = ask("What is the liability cap in the Acme MSA v2?");
        assertFalse(a.getString("answer").startsWith("Not found"), a.prettify());
        List<String> cited = a.getList("citations.documentName");
        assertEquals("Acme MSA v2.txt", cited.get(0), a.prettify());
        assertFalse(cited.contains("Acme MSA v1.txt"), () -> "v1 was not asked about: " + a.prettify());
        assertTrue(a.getString("citations[0].quote").contains("twice the fees"), a.prettify());

        JsonPath v1 = ask("How long does the Acme MSA v1 run?");
        assertEquals("Acme MSA v1.txt", v1.getString("citations[0].documentName"), v1.prettify());
        assertTrue(v1.getString("citations[0].quote").contains("two years"), v1.prettify());
    }

    @Test
    void a_version_the_documents_lack_is_not_found_and_the_notice_names_it() {
        JsonPath a = ask("What does the Acme MSA v3 say about audits?");
        assertTrue(a.getString("answer").startsWith("Not found"), a.prettify());
        assertTrue(a.getString("notice").contains("Acme MSA v3"), a.prettify());
        assertEquals(List.of(), a.getList("citations"));
        assertFalse(a.getList("closest").isEmpty(), "the closest passages are still listed");
    }

    @Test
    void a_section_the_named_document_lacks_is_not_found() {
        JsonPath a = ask("What does section 9 of the Acme MSA v2 say about liability?");
        assertTrue(a.getString("answer").startsWith("Not found"), a.prettify());
        assertTrue(a.getString("notice").contains("section 9"), a.prettify());
        JsonPath present = ask("What does section 3 of the Acme MSA v2 say?");
        assertFalse(present.getString("answer").startsWith("Not found"), present.prettify());
    }

    @Test
    void an_item_a_section_does_not_list_is_not_found_and_one_it_lists_is_answered() {
        JsonPath a = ask("What does section 2(e) of the Hooli Licence require?");
        assertTrue(a.getString("answer").startsWith("Not found"), a.prettify());
        assertTrue(a.getString("notice").contains("section 2 has no item (e)"), a.prettify());
        JsonPath present = ask("What does section 2(b) of the Hooli Licence require?");
        assertFalse(present.getString("answer").startsWith("Not found"), present.prettify());
        assertEquals("Hooli Licence.txt", present.getString("citations[0].documentName"), present.prettify());
        // section 3 lists no items: a reference to one is no evidence that anything is missing
        JsonPath unlisted = ask("What does section 3(a) of the Hooli Licence say about warranty?");
        assertFalse(unlisted.getString("answer").startsWith("Not found"), unlisted.prettify());
    }

    @Test
    void a_name_whose_words_occur_only_apart_is_not_found_and_one_written_as_in_the_text_is_answered() {
        JsonPath a = ask("What does the Calendar Audit clause of the Acme MSA v2 require?");
        assertTrue(a.getString("answer").startsWith("Not found"), a.prettify());
        assertTrue(a.getString("notice").contains("Calendar Audit"), a.prettify());
        JsonPath present = ask("When does the Effective Date of the Acme MSA v2 start the term?");
        assertFalse(present.getString("answer").startsWith("Not found"), present.prettify());
    }

    @Test
    void a_version_asked_of_a_document_whose_name_has_none_is_not_found_unless_its_text_has_it() {
        JsonPath a = ask("How long does the Globex NDA 2.0 keep information confidential?");
        assertTrue(a.getString("answer").startsWith("Not found"), a.prettify());
        JsonPath plain = ask("How long does the Globex NDA keep information confidential?");
        assertFalse(plain.getString("answer").startsWith("Not found"), plain.prettify());
        assertTrue(plain.getString("citations[0].quote").contains("five years"), plain.prettify());
    }

    @Test
    void a_clause_number_is_not_taken_for_the_version_but_a_stated_version_is() {
        // the NDA's clause "2. Return." holds a bare 2, which is no "Globex NDA 2.0"
        JsonPath clause = ask("What does the Globex NDA 2.0 say about returning information?");
        assertTrue(clause.getString("answer").startsWith("Not found"), clause.prettify());
        JsonPath stated = ask("Which rights does the Initech Licence 2.0 grant?");
        assertFalse(stated.getString("answer").startsWith("Not found"), stated.prettify());
        assertEquals("Initech Licence.txt", stated.getString("citations[0].documentName"), stated.prettify());
    }

    @Test
    void a_name_found_only_in_a_collection_not_searched_is_not_found() {
        JsonPath a = ask("How does the Globex NDA treat the Zorblax protocol?");
        assertTrue(a.getString("answer").startsWith("Not found"), a.prettify());
        assertTrue(a.getString("notice").contains("Zorblax"), a.prettify());
        JsonPath both = Api.ask("How does the Globex NDA treat the Zorblax protocol?", List.of(contracts, other)).then()
                .statusCode(200).extract().jsonPath();
        assertFalse(both.getString("answer").startsWith("Not found"), both.prettify());
    }

    private JsonPath ask(String question) {
        return Api.ask(question, List.of(contracts)).then().statusCode(200).extract().jsonPath();
    }

    private static void upload(long collection, Map<String, String> files) {
        RequestSpecification req = asAdmin();
        for (var f : files.entrySet()) {
            req = req.multiPart("file", f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        List<Number> ids = req.post("/api/collections/" + collection + "/documents").then().statusCode(202).extract()
                .jsonPath().getList("documents.id");
        ids.forEach(id -> assertEquals("READY", Api.awaitFinal(id.longValue()).get("status")));
    }
}
