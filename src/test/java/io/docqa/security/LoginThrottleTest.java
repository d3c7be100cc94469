package io.docqa.security;

import static io.docqa.security.PermissionAttackTest.createUser;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Login throttling is atomic: failures sent in parallel are each counted and lock the name exactly at the limit,
 * and a right password is refused once the limit of failures was recorded before it was accepted.
 */
@QuarkusTest
class LoginThrottleTest {

    private static final int MAX = 5; // docqa.security.lockout.max-failures default

    @Inject
    LoginThrottle throttle;
    @Inject
    Jdbi jdbi;

    @Test
    void parallel_failures_are_each_counted_and_lock_exactly_at_the_limit() throws Exception {
        List<Duration> delays = parallel(30, () -> throttle.failed("eve-parallel"));
        assertTrue(throttle.isLocked("eve-parallel"));
        assertEquals(MAX, failures("eve-parallel"), "failures while locked change nothing; none is lost");
        assertTrue(delays.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(2)) <= 0), delays.toString());
        assertFalse(throttle.succeeded("eve-parallel"), "a right password after the limit is refused");
        assertTrue(throttle.isLocked("eve-parallel"), "and does not clear the lock");
    }

    @Test
    void a_right_password_clears_a_run_below_the_limit_and_is_refused_at_it() {
        for (int i = 0; i < MAX - 1; i++) {
            throttle.failed("eve-serial");
        }
        assertFalse(throttle.isLocked("eve-serial"));
        assertTrue(throttle.succeeded("eve-serial"));
        assertEquals(0, failures("eve-serial"), "the run is cleared");
        for (int i = 0; i < MAX; i++) {
            throttle.failed("eve-serial");
        }
        assertTrue(throttle.isLocked("eve-serial"));
        assertFalse(throttle.succeeded("eve-serial"));
    }

    @Test
    void parallel_wrong_guesses_over_http_lock_the_account() throws Exception {
        createUser("mallory", "READER");
        List<Integer> statuses = parallel(20, () -> given().auth().preemptive().basic("mallory", "wrong-guess")
                .get("/api/collections").statusCode());
        assertTrue(statuses.stream().allMatch(s -> s == 401), statuses.toString());
        assertEquals(MAX, failures("mallory"));
        given().auth().preemptive().basic("mallory", PermissionAttackTest.PASSWORD).get("/api/collections").then()
                .statusCode(401);
    }

    private int failures(String user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(failures), 0) FROM login_failures WHERE username = ?")
                .bind(0, user).mapTo(Integer.class).one());
    }

    private static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(task);
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
