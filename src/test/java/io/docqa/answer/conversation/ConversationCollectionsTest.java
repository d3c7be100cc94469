package io.docqa.answer.conversation;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A conversation remembers the collections it asks over; follow-ups use them; lost access drops them silently. */
@QuarkusTest
class ConversationCollectionsTest {

    private static final String USER = "conv-scope-reader";
    private static final String PASSWORD = "conv-scope-password";

    @Test
    void a_conversation_keeps_its_collections_until_new_ones_are_chosen_or_access_is_lost() {
        long contracts = Api.createCollection("Conversation scope contracts");
        long hr = Api.createCollection("Conversation scope HR");
        ingest(contracts, "service-agreement.pdf");
        ingest(hr, "employee-handbook.docx");
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", USER, "password", PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201);
        grant(contracts);
        grant(hr);

        long conversation = as().contentType(ContentType.JSON).body(Map.of("title", "Scope"))
                .post("/api/conversations").then().statusCode(201).extract().jsonPath().getLong("id");
        ask(conversation, "How many vacation days do full-time employees get?", List.of(hr));
        assertEquals(List.of(hr), collectionIds(conversation));
        assertEquals(List.of(hr), listed(conversation));

        // a follow-up without collections asks over the remembered one: the handbook answers, the agreement cannot
        JsonPath followUp = ask(conversation, "How much notice is needed to terminate for convenience?", null);
        assertFalse(followUp.getString("answer").contains("ninety (90) days"), followUp.prettify());
        assertTrue(followUp.getList("citations.documentName").stream().allMatch("employee-handbook.docx"::equals),
                followUp.prettify());
        assertEquals(List.of(hr), collectionIds(conversation));

        // asking with other collections replaces them
        JsonPath switched = ask(conversation, "How much notice is needed to terminate for convenience?", List.of(contracts));
        assertTrue(switched.getString("answer").contains("ninety (90) days"), switched.prettify());
        assertEquals(List.of(contracts), collectionIds(conversation));

        // access to the remembered collection is revoked: it is no longer shown, and a follow-up cannot reach it
        asAdmin().delete("/api/collections/" + contracts + "/members/" + USER).then().statusCode(204);
        assertEquals(List.of(), collectionIds(conversation));
        assertEquals(List.of(), listed(conversation));
        JsonPath after = ask(conversation, "How much notice is needed to terminate for convenience?", null);
        assertFalse(after.getString("answer").contains("ninety (90) days"), after.prettify());
        assertFalse(after.getList("citations.documentName").contains("service-agreement.pdf"), after.prettify());
        // the admin sees the collection exists, yet the reader's conversation never names it again
        assertFalse(as().get("/api/conversations/" + conversation).asString().contains("\"collectionIds\":[" + contracts));
    }

    private static void ingest(long collection, String fixture) {
        JsonPath upload = Api.upload(collection, fixture).then().statusCode(202).extract().jsonPath();
        for (Object id : upload.getList("documents.id")) {
            assertEquals("READY", Api.awaitFinal(((Number) id).longValue()).get("status"));
        }
    }

    private static void grant(long collection) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + collection + "/members/" + USER).then().statusCode(204);
    }

    private static RequestSpecification as() {
        return given().auth().preemptive().basic(USER, PASSWORD);
    }

    private static JsonPath ask(long conversation, String question, List<Long> collections) {
        Map<String, Object> body = new HashMap<>(Map.of("question", question, "conversationId", conversation));
        if (collections != null) {
            body.put("collections", collections);
        }
        return as().contentType(ContentType.JSON).body(body).post("/api/ask").then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> collectionIds(long conversation) {
        return as().get("/api/conversations/" + conversation).then().statusCode(200).extract().jsonPath()
                .getList("collectionIds", Long.class);
    }

    private static List<Long> listed(long conversation) {
        JsonPath list = as().get("/api/conversations").then().statusCode(200).extract().jsonPath();
        return list.getList("find { it.id == " + conversation + " }.collectionIds", Long.class);
    }
}
