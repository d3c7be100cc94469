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
 * and a right password is refused once the limit of failures was recorded before it was accepted. It is kept per
 * name and client address, so nobody locks a user out of their account from elsewhere, and an unknown name costs
 * the same bcrypt check as a wrong password.
 */
@QuarkusTest
class LoginThrottleTest {

    private static final int MAX = 5; // docqa.security.lockout.max-failures default

    @Inject
    LoginThrottle throttle;
    @Inject
    Jdbi jdbi;
    @Inject
    VerifiedPasswords verified;
    @Inject
    UserRepository users;

    private static final String HERE = "127.0.0.1"; // the address of the test's HTTP requests
    private static final String A = "203.0.113.7";

    @Test
    void parallel_failures_are_each_counted_and_lock_exactly_at_the_limit() throws Exception {
        List<Duration> delays = parallel(30, () -> throttle.failed(key("eve-parallel"), A));
        assertTrue(throttle.isLocked(key("eve-parallel"), A));
        assertEquals(MAX, failures("eve-parallel", A), "failures while locked change nothing; none is lost");
        assertTrue(delays.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(2)) <= 0), delays.toString());
        assertFalse(throttle.succeeded(key("eve-parallel"), A), "a right password after the limit is refused");
        assertTrue(throttle.isLocked(key("eve-parallel"), A), "and does not clear the lock");
    }

    @Test
    void a_right_password_clears_a_run_below_the_limit_and_is_refused_at_it() {
        for (int i = 0; i < MAX - 1; i++) {
            throttle.failed(key("eve-serial"), A);
        }
        assertFalse(throttle.isLocked(key("eve-serial"), A));
        assertTrue(throttle.succeeded(key("eve-serial"), A));
        assertEquals(0, failures("eve-serial", A), "the run is cleared");
        for (int i = 0; i < MAX; i++) {
            throttle.failed(key("eve-serial"), A);
        }
        assertTrue(throttle.isLocked(key("eve-serial"), A));
        assertFalse(throttle.succeeded(key("eve-serial"), A));
    }

    @Test
    void parallel_wrong_guesses_over_http_lock_the_account() throws Exception {
        createUser("mallory", "READER");
        List<Integer> statuses = parallel(20, () -> given().auth().preemptive().basic("mallory", "wrong-guess")
                .get("/api/collections").statusCode());
        assertTrue(statuses.stream().allMatch(s -> s == 401), statuses.toString());
        assertEquals(MAX, failures("mallory", HERE));
        given().auth().preemptive().basic("mallory", PermissionAttackTest.PASSWORD).get("/api/collections").then()
                .statusCode(401);
    }

    @Test
    void wrong_guesses_from_elsewhere_do_not_lock_the_owner_out() {
        createUser("owen", "ADMIN");
        for (int i = 0; i < MAX + 3; i++) {
            throttle.failed(key("owen"), A);
        }
        assertTrue(throttle.isLocked(key("owen"), A), "the guessing address is locked out");
        assertFalse(throttle.isLocked(key("owen"), HERE));
        given().auth().preemptive().basic("owen", PermissionAttackTest.PASSWORD).get("/api/collections").then()
                .statusCode(200);
    }

    @Test
    void an_account_guessed_at_from_many_addresses_gives_new_ones_one_guess_and_stays_open_to_its_owner() {
        String user = "olga-admin";
        assertTrue(throttle.succeeded(key(user), HERE), "the owner signed in from here before");
        for (int i = 0; i < 55; i++) { // more than account-max-failures (50), each address below its own limit
            throttle.failed(key(user), "198.51.100." + i);
        }
        Duration held = throttle.failed(key(user), "192.0.2.1");
        assertTrue(throttle.isLocked(key(user), "192.0.2.1"), "a new address is locked out after one wrong guess");
        assertEquals(Duration.ofSeconds(2), held, "and its refusal is held back the longest");
        throttle.failed(key(user), HERE);
        assertFalse(throttle.isLocked(key(user), HERE), "the owner's known address keeps the normal limit");
        assertTrue(throttle.succeeded(key(user), HERE), "and signs in");
    }

    @Test
    void an_x_forwarded_for_header_is_not_trusted_unless_a_proxy_is_configured() {
        createUser("xavier", "READER");
        for (int i = 0; i < MAX; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i).auth().preemptive().basic("xavier", "wrong-guess")
                    .get("/api/collections").then().statusCode(401);
        }
        assertEquals(MAX, failures("xavier", HERE), "every guess counted against the connection's address");
        given().header("X-Forwarded-For", "192.0.2.99").auth().preemptive().basic("xavier", PermissionAttackTest.PASSWORD)
                .get("/api/collections").then().statusCode(401);
    }

    @Test
    void failed_sign_ins_do_not_carry_over_to_a_new_account_of_the_same_name() {
        createUser("renate", "READER");
        guessWrong("renate", MAX);
        given().auth().preemptive().basic("renate", PermissionAttackTest.PASSWORD).get("/api/collections").then()
                .statusCode(401);
        io.docqa.testing.Api.asAdmin().delete("/api/users/renate").then().statusCode(204);
        createUser("renate", "READER");
        given().auth().preemptive().basic("renate", PermissionAttackTest.PASSWORD).get("/api/collections").then()
                .statusCode(200);

        guessWrong("not-yet-a-user", MAX); // an unknown name is throttled like an account...
        assertEquals(MAX, failures("not-yet-a-user", HERE));
        createUser("not-yet-a-user", "READER"); // ...but its failures are not the new account's
        given().auth().preemptive().basic("not-yet-a-user", PermissionAttackTest.PASSWORD).get("/api/collections")
                .then().statusCode(200);
    }

    static void guessWrong(String user, int times) {
        for (int i = 0; i < times; i++) {
            given().auth().preemptive().basic(user, "wrong-guess").get("/api/collections").then().statusCode(401);
        }
    }

    @Test
    void an_unknown_name_or_a_disabled_account_runs_bcrypt_like_a_wrong_password() {
        createUser("known-user", "READER");
        assertEquals(1, bcryptChecks(() -> given().auth().preemptive().basic("known-user", "wrong-guess")
                .get("/api/collections").then().statusCode(401)), "a wrong password for a real account");
        assertEquals(1, bcryptChecks(() -> given().auth().preemptive().basic("no-such-user", "wrong-guess")
                .get("/api/collections").then().statusCode(401)), "an unknown name");
        createUser("gone-user", "READER");
        io.docqa.testing.Api.asAdmin().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("enabled", false)).patch("/api/users/gone-user").then().statusCode(200);
        assertEquals(1, bcryptChecks(() -> given().auth().preemptive().basic("gone-user", PermissionAttackTest.PASSWORD)
                .get("/api/collections").then().statusCode(401)), "a disabled account");
    }

    private long bcryptChecks(Runnable request) {
        long before = verified.hashChecks();
        request.run();
        return verified.hashChecks() - before;
    }

    /** The key failures against this name are counted under: its account's id, or the name if it has none. */
    private LoginThrottle.SignInKey key(String name) {
        return LoginThrottle.SignInKey.of(users.findByUsername(name), name);
    }

    private int failures(String user, String address) {
        return failures(jdbi, users, user, address);
    }

    /** Failed sign-ins counted against the name's account (or the name, when it has none) from the address. */
    static int failures(Jdbi jdbi, UserRepository users, String user, String address) {
        String key = LoginThrottle.SignInKey.of(users.findByUsername(user), user).value();
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(failures), 0) FROM login_failures "
                + "WHERE account = ? AND address = ?").bind(0, key).bind(1, address).mapTo(Integer.class).one());
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
