package io.docqa.app.ask;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.app.UseCaseException;
import io.docqa.app.UseCaseException.Kind;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Ask view asks through the ask service exactly as the REST API does; these are the rules that were weaker in
 * the view before (it checked a question's length only in the browser, took the role from the session, passed
 * filters through unchecked, and asked a follow-up over every readable collection), called the way the view calls them.
 */
@QuarkusTest
class AskViewRulesTest {

    @Inject
    AskService asks;

    @Test
    void a_question_longer_than_the_api_accepts_is_refused_in_the_view_too() {
        Caller reader = user("ui-long-question", "READER");
        UseCaseException e = assertThrows(UseCaseException.class, () -> prepare(reader, "x".repeat(4001), null));
        assertEquals(Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("longer than 4000"), e.getMessage());
    }

    @Test
    void a_role_taken_away_since_sign_in_no_longer_opens_other_collections() {
        Caller signedInAsAdmin = user("ui-demoted", "ADMIN");
        long foreign = Api.createCollection("ui-demoted-foreign");
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER")).patch("/api/users/ui-demoted")
                .then().statusCode(200);
        UseCaseException e = assertThrows(UseCaseException.class,
                () -> asks.prepare(asks.admit(signedInAsAdmin, Channel.UI),
                        new AskInput("What is the notice period?", List.of(foreign), null, null, true)));
        assertEquals(Kind.NOT_FOUND, e.kind(), "the session still says ADMIN; the database says READER");
    }

    @Test
    void a_disabled_account_cannot_ask_from_a_session_still_open() {
        Caller reader = user("ui-disabled", "READER");
        asAdmin().contentType(ContentType.JSON).body(Map.of("enabled", false)).patch("/api/users/ui-disabled")
                .then().statusCode(200);
        UseCaseException e = assertThrows(UseCaseException.class, () -> prepare(reader, "Anything?", null));
        assertEquals(Kind.FORBIDDEN, e.kind());
    }

    @Test
    void filters_from_the_view_are_checked_like_the_apis() {
        Caller reader = user("ui-filters", "READER");
        UseCaseException type = assertThrows(UseCaseException.class, () -> prepare(reader, "Anything?",
                new QueryFilter(List.of(), List.of("p d f"), null, null, List.of())));
        assertTrue(type.getMessage().startsWith("filters.types"), type.getMessage());
        UseCaseException dates = assertThrows(UseCaseException.class, () -> prepare(reader, "Anything?",
                new QueryFilter(List.of(), List.of(), "2025-02-01", "2025-01-01", List.of())));
        assertTrue(dates.getMessage().startsWith("filters.dateFrom"), dates.getMessage());
    }

    @Test
    void a_question_from_the_view_is_kept_in_a_new_conversation_and_audited_once_as_from_the_ui() {
        Caller reader = user("ui-audited", "READER");
        Question q = prepare(reader, "  What does nobody know?  ", null);
        AskResult result = asks.answer(q, null);
        assertEquals(q.conversationId(), result.conversationId(), "a conversation titled by the question was started");
        JsonPath entries = asAdmin().queryParam("actor", "ui-audited").queryParam("action", "ASK").get("/api/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, entries.getList("$").size());
        JsonPath detail = JsonPath.from(entries.getString("[0].detail"));
        assertEquals("ui", detail.getString("via"));
        assertEquals("What does nobody know?", detail.getString("question"));
        assertTrue(detail.getList("retrieved") != null, entries.prettify());
    }

    @Test
    void a_follow_up_in_the_view_without_a_choice_asks_over_the_collections_its_conversation_remembers() {
        Caller reader = user("ui-follow-up", "READER");
        long kept = Api.createCollection("ui-follow-up-kept");
        long other = Api.createCollection("ui-follow-up-other");
        for (long c : List.of(kept, other)) {
            asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                    .put("/api/collections/" + c + "/members/ui-follow-up").then().statusCode(204);
        }
        Question first = asks.prepare(asks.admit(reader, Channel.UI),
                new AskInput("What is kept?", List.of(kept), null, null, true));
        asks.answer(first, null);
        asks.answer(asks.prepare(asks.admit(reader, Channel.UI),
                new AskInput("And then?", List.of(), first.conversationId(), null, true)), null);
        JsonPath entries = asAdmin().queryParam("actor", "ui-follow-up").queryParam("action", "ASK").get("/api/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, entries.getList("$").size());
        for (int i = 0; i < 2; i++) {
            assertEquals(List.of(kept), entries.getList("[" + i + "].collectionIds", Long.class), entries.prettify());
        }
    }

    private Question prepare(Caller caller, String question, QueryFilter filter) {
        return asks.prepare(asks.admit(caller, Channel.UI), new AskInput(question, null, null, filter, true));
    }

    private static Caller user(String name, String role) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", name, "password", name + "-password", "role", role))
                .post("/api/users").then().statusCode(201);
        return new Caller(name, Role.valueOf(role));
    }
}
