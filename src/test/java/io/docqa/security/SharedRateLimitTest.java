package io.docqa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.security.RateLimiter.Decision;
import io.docqa.security.RateLimiter.Kind;
import io.docqa.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two instances (two rate limiters over one real PostgreSQL database) together allow a user the limit, not twice
 * it; a refused request says when to come back; users and kinds of request have their own budgets. Prints the cost
 * of one request's check.
 */
class SharedRateLimitTest {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    private static final PGSimpleDataSource DATA_SOURCE = new PGSimpleDataSource();
    private static Jdbi jdbi;

    /** 5 at once, then one a minute: nothing refills during the test. */
    private static final SecurityConfig.RateLimit LIMITS = new SecurityConfig.RateLimit() {
        @Override
        public int perMinute() {
            return 1;
        }

        @Override
        public int burst() {
            return 5;
        }

        @Override
        public int expensivePerMinute() {
            return 1;
        }

        @Override
        public int expensiveBurst() {
            return 3;
        }

        @Override
        public Optional<List<String>> exemptUsers() {
            return Optional.of(List.of("eval-bot"));
        }
    };

    @BeforeAll
    static void database() throws IOException {
        Map<String, String> config = DATABASE.start();
        DATA_SOURCE.setUrl(config.get("quarkus.datasource.jdbc.url"));
        DATA_SOURCE.setUser(config.get("quarkus.datasource.username"));
        DATA_SOURCE.setPassword(config.get("quarkus.datasource.password"));
        jdbi = Jdbi.create(DATA_SOURCE);
        try (InputStream in = SharedRateLimitTest.class.getResourceAsStream("/db/migration/V17__shared_rate_limits.sql")) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            jdbi.useHandle(h -> h.execute(ddl));
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.stop();
    }

    @Test
    void two_instances_together_allow_a_user_exactly_the_limit() {
        RateLimiter a = new RateLimiter(LIMITS, jdbi);
        RateLimiter b = new RateLimiter(LIMITS, jdbi);
        int allowed = 0;
        Decision last = null;
        for (int i = 0; i < 20; i++) { // the load balancer alternates between the instances
            last = (i % 2 == 0 ? a : b).tryAcquire(Kind.QUERY, "alice");
            allowed += last.allowed() ? 1 : 0;
        }
        assertEquals(5, allowed, "the burst of 5, once across both instances");
        assertFalse(last.allowed());
        assertTrue(last.retryAfter().compareTo(Duration.ofSeconds(50)) > 0
                && last.retryAfter().compareTo(Duration.ofSeconds(61)) <= 0, "the next token in about a minute: "
                        + last.retryAfter());

        RateLimiter c = new RateLimiter(LIMITS, jdbi); // an instance started later knows alice is over her limit
        assertFalse(c.tryAcquire(Kind.QUERY, "alice").allowed());
        assertTrue(c.tryAcquire(Kind.QUERY, "bob").allowed(), "other users have their own budget");
        int expensive = 0;
        for (int i = 0; i < 10; i++) {
            expensive += (i % 2 == 0 ? a : c).tryAcquire(Kind.EXPENSIVE, "alice").allowed() ? 1 : 0;
        }
        assertEquals(3, expensive, "expensive requests have their own budget, shared too");
        for (int i = 0; i < 20; i++) {
            assertTrue(a.tryAcquire(Kind.QUERY, "eval-bot").allowed(), "exempt users are never limited");
        }
    }

    @Test
    void a_check_costs_about_one_short_statement() throws Exception {
        try (java.sql.Connection connection = DATA_SOURCE.getConnection()) { // as from the application's pool
            measure(Jdbi.create(connection));
        }
    }

    private static void measure(Jdbi pooled) {
        RateLimiter limiter = new RateLimiter(new SecurityConfig.RateLimit() {
            @Override
            public int perMinute() {
                return 60_000_000;
            }

            @Override
            public int burst() {
                return 1_000_000;
            }

            @Override
            public int expensivePerMinute() {
                return 0;
            }

            @Override
            public int expensiveBurst() {
                return 0;
            }

            @Override
            public Optional<List<String>> exemptUsers() {
                return Optional.empty();
            }
        }, pooled);
        for (int i = 0; i < 300; i++) { // warm-up
            limiter.tryAcquire(Kind.QUERY, "warm-" + (i % 10));
        }
        int n = 2000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertTrue(limiter.tryAcquire(Kind.QUERY, "user-" + (i % 50)).allowed());
        }
        double micros = (System.nanoTime() - t0) / 1e3 / n;
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            pooled.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        }
        double roundTrip = (System.nanoTime() - t1) / 1e3 / n;
        System.out.printf("%n| shared rate limit check | requests | mean per request |%n|---|---|---|%n"
                + "| one upsert on the unlogged table (one open connection, as from a pool) | %d | %.0f µs |%n"
                + "| for comparison: SELECT 1 on the same connection | %d | %.0f µs |%n", n, micros, n, roundTrip);
    }
}
