package io.docqa.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.app.audit.AuditService;
import io.docqa.app.audit.AuditService.Search;
import io.docqa.app.tokens.TokenService;
import io.docqa.app.users.MembershipService;
import io.docqa.app.users.UserService;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The account rules the users, tokens and audit views used to check more loosely than REST (or only by disabling a
 * control); both adapters now call these services, so each rule is checked here once for both.
 */
@QuarkusTest
class AccountRulesTest {

    private static final Caller ADMIN = new Caller(Api.ADMIN, Role.ADMIN);

    @Inject
    UserService users;
    @Inject
    MembershipService members;
    @Inject
    TokenService tokens;
    @Inject
    AuditService audit;

    private static void assertRefused(UseCaseException.Kind kind, Executable action) {
        assertEquals(kind, assertThrows(UseCaseException.class, action).kind());
    }

    @Test
    void a_user_name_longer_than_the_limit_or_with_other_characters_is_refused() {
        assertRefused(UseCaseException.Kind.INVALID, () -> users.create(ADMIN, "x".repeat(101), "long-enough-pw", "READER"));
        assertRefused(UseCaseException.Kind.INVALID, () -> users.create(ADMIN, "two words", "long-enough-pw", "READER"));
        assertRefused(UseCaseException.Kind.INVALID, () -> users.create(ADMIN, "shortpw", "short", "READER"));
        assertRefused(UseCaseException.Kind.INVALID, () -> users.create(ADMIN, "longpw", "ü".repeat(40), "READER"));
    }

    @Test
    void an_administrator_cannot_demote_disable_or_delete_themselves() {
        assertRefused(UseCaseException.Kind.CONFLICT, () -> users.update(ADMIN, Api.ADMIN, null, "EDITOR", null));
        assertRefused(UseCaseException.Kind.CONFLICT, () -> users.update(ADMIN, Api.ADMIN, null, null, false));
        assertRefused(UseCaseException.Kind.CONFLICT, () -> users.delete(ADMIN, Api.ADMIN));
        assertTrue(users.get(ADMIN, Api.ADMIN).enabled());
    }

    @Test
    void a_demoted_administrator_is_refused_at_their_next_action_whatever_their_session_says() {
        users.create(ADMIN, "rules-demoted", "long-enough-pw", "ADMIN");
        Caller stale = new Caller("rules-demoted", Role.ADMIN);
        users.list(stale);
        users.update(ADMIN, "rules-demoted", null, "READER", null);
        assertRefused(UseCaseException.Kind.FORBIDDEN, () -> users.list(stale));
        assertRefused(UseCaseException.Kind.FORBIDDEN, () -> users.create(stale, "rules-other", "long-enough-pw", "ADMIN"));
        assertRefused(UseCaseException.Kind.FORBIDDEN, () -> members.collections(stale));
        assertRefused(UseCaseException.Kind.FORBIDDEN, () -> audit.search(stale, Search.newest(null, null, 10)));
    }

    @Test
    void a_disabled_user_can_no_longer_create_or_list_tokens() {
        users.create(ADMIN, "rules-disabled", "long-enough-pw", "READER");
        Caller reader = new Caller("rules-disabled", Role.READER);
        tokens.create(reader, "script");
        users.update(ADMIN, "rules-disabled", null, null, false);
        assertRefused(UseCaseException.Kind.FORBIDDEN, () -> tokens.create(reader, "another"));
        assertRefused(UseCaseException.Kind.FORBIDDEN, () -> tokens.list(reader));
    }

    @Test
    void a_token_name_must_have_one_to_a_hundred_characters() {
        assertRefused(UseCaseException.Kind.INVALID, () -> tokens.create(ADMIN, " "));
        assertRefused(UseCaseException.Kind.INVALID, () -> tokens.create(ADMIN, "n".repeat(TokenService.NAME_MAX_LENGTH + 1)));
    }

    @Test
    void granting_to_an_unknown_user_or_collection_or_revoking_a_non_member_is_refused_as_not_found() {
        long collection = Api.createCollection("account-rules");
        assertRefused(UseCaseException.Kind.NOT_FOUND, () -> members.grant(ADMIN, collection, "rules-nobody", "READER"));
        assertRefused(UseCaseException.Kind.NOT_FOUND, () -> members.grant(ADMIN, Long.MAX_VALUE, Api.ADMIN, "READER"));
        assertRefused(UseCaseException.Kind.NOT_FOUND, () -> members.revoke(ADMIN, collection, "rules-nobody"));
        assertRefused(UseCaseException.Kind.INVALID, () -> members.grant(ADMIN, collection, Api.ADMIN, "ADMIN"));
    }
}
