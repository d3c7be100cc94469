package io.docqa.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The waiting rule of read-your-writes: a search waits until this instance's index has applied the newest change
 * number committed in PostgreSQL when it began (the watermark; here a number standing in for the change log).
 */
class IndexVisibilityTest {

    @Test
    void a_search_waits_until_the_index_applied_the_change_committed_before_it() throws Exception {
        AtomicLong watermark = new AtomicLong();
        IndexVisibility visibility = new IndexVisibility(watermark::get);
        AtomicInteger nudges = new AtomicInteger();
        visibility.onBehind(nudges::incrementAndGet);
        assertEquals(0, visibility.awaitApplied(), "nothing committed: no wait");

        watermark.set(7); // another instance turned a document READY: change 7
        CompletableFuture<Long> search = CompletableFuture.supplyAsync(visibility::awaitApplied);
        Thread.sleep(200);
        assertFalse(search.isDone(), "the search must not run on an index that lacks the committed change");
        assertEquals(1, nudges.get(), "the follower is asked to apply at once");

        visibility.applied(6);
        Thread.sleep(100);
        assertFalse(search.isDone(), "change 7 is not applied yet");
        visibility.applied(7);
        assertEquals(7, search.get(2, TimeUnit.SECONDS));
    }

    @Test
    void a_failed_apply_releases_waiting_searches() throws Exception {
        IndexVisibility visibility = new IndexVisibility(() -> 3);
        CompletableFuture<Long> search = CompletableFuture.supplyAsync(visibility::awaitApplied);
        Thread.sleep(200);
        assertFalse(search.isDone());
        visibility.failed();
        assertEquals(0, search.get(2, TimeUnit.SECONDS), "the search goes ahead on what the index has");
    }
}
