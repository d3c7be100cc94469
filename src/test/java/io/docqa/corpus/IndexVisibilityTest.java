package io.docqa.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IndexVisibilityTest {

    @Test
    void a_search_waits_for_the_catch_up_of_a_change_committed_before_it() throws Exception {
        IndexVisibility visibility = new IndexVisibility();
        assertEquals(0, visibility.awaitApplied(), "nothing in flight: no wait");

        visibility.committed(); // a document turned READY in PostgreSQL; Lucene has not applied it yet
        long target = visibility.committedSoFar();
        CompletableFuture<Long> search = CompletableFuture.supplyAsync(visibility::awaitApplied);
        Thread.sleep(200);
        assertFalse(search.isDone(), "the search must not run on an index that lacks the committed change");

        visibility.applied(target);
        assertEquals(1, search.get(2, TimeUnit.SECONDS));
    }

    @Test
    void a_catch_up_that_started_before_a_commit_does_not_release_searches_waiting_for_it() throws Exception {
        IndexVisibility visibility = new IndexVisibility();
        visibility.committed();
        long early = visibility.committedSoFar(); // a catch-up starts here ...
        visibility.committed();                   // ... and this commit lands after it read the change log
        CompletableFuture<Long> search = CompletableFuture.supplyAsync(visibility::awaitApplied);
        visibility.applied(early);
        Thread.sleep(200);
        assertFalse(search.isDone(), "the second change is not in the index yet");
        visibility.applied(visibility.committedSoFar());
        assertTrue(search.get(2, TimeUnit.SECONDS) >= 2);
    }
}
