package io.docqa.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.cluster.ClusterConfig.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which instances may start without a shared session key, and what the refusal tells the operator. */
class SessionKeyCheckTest {

    private static final Optional<String> NO_KEY = Optional.empty();

    @Test
    void a_single_instance_starts_without_a_session_key() {
        assertEquals(Optional.empty(), SessionKeyCheck.problem(Role.ALL, "filesystem", 0, NO_KEY));
    }

    @Test
    void a_web_instance_among_several_does_not_start_without_the_key_and_the_error_names_the_setting() {
        for (String problem : new String[] {
            SessionKeyCheck.problem(Role.WEB, "filesystem", 0, NO_KEY).orElseThrow(),
            SessionKeyCheck.problem(Role.ALL, "s3", 0, NO_KEY).orElseThrow(),
            SessionKeyCheck.problem(Role.ALL, "filesystem", 2, NO_KEY).orElseThrow(),
            SessionKeyCheck.problem(Role.ALL, "filesystem", 1, Optional.of("  ")).orElseThrow()}) {
            assertTrue(problem.contains("quarkus.http.auth.session.encryption-key"), problem);
            assertTrue(problem.contains("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"), problem);
        }
        assertTrue(SessionKeyCheck.problem(Role.WEB, "s3", 0, NO_KEY).orElseThrow()
                .contains("(DOCQA_ROLE=web); originals are kept in an object store (DOCQA_STORAGE_TYPE=s3)"));
    }

    @Test
    void with_the_key_or_as_a_worker_every_instance_starts() {
        Optional<String> key = Optional.of("a-shared-secret-of-32-characters");
        assertEquals(Optional.empty(), SessionKeyCheck.problem(Role.WEB, "s3", 3, key));
        assertEquals(Optional.empty(), SessionKeyCheck.problem(Role.WORKER, "s3", 3, NO_KEY), "a worker has no UI");
    }
}
