package io.docqa.ingest.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waits_double_with_each_attempt_up_to_the_maximum() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(2), b.before(2));
        assertEquals(Duration.ofSeconds(4), b.before(3));
        assertEquals(Duration.ofSeconds(8), b.before(4));
        assertEquals(Duration.ofSeconds(30), b.before(10));
        assertEquals(Duration.ofSeconds(30), b.before(1000), "no overflow for many attempts");
    }
}
