package io.docqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time left that {@code ingest} shows is for the whole run, not for the batch that happens to be working. */
class IngestProgressEtaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND = 1_000_000_000L;

    @Test
    void batches_still_queued_behind_the_working_one_count_in_the_time_left() {
        IngestCommand.Progress progress = progress(200);
        Map<String, JsonNode> batches = new LinkedHashMap<>();
        batches.put("a", batch(50, 0.4)); // 20 files ingested in the first 10 s
        batches.put("b", batch(50, 0));
        batches.put("c", batch(50, 0));
        batches.put("d", batch(50, 0));
        // 180 files left at 2 files/s; the working batch alone would say 15 s
        assertEquals(90, progress.eta(batches, 0, 10 * SECOND));
    }

    @Test
    void files_already_in_the_collection_or_refused_take_no_time() {
        IngestCommand.Progress progress = progress(100);
        progress.refused.put("huge.pdf", "too large");
        Map<String, JsonNode> batches = Map.of("a", batch(79, 0.5)); // 79.5 → 39.5 ingested in 20 s
        // 100 files: 20 duplicates and 1 refused need no ingestion; 79 - 39.5 = 39.5 left at 1.975/s
        assertEquals(20, progress.eta(batches, 20, 20 * SECOND));
    }

    @Test
    void no_estimate_before_enough_is_done_and_zero_when_everything_is() {
        IngestCommand.Progress progress = progress(100);
        assertEquals(-1, progress.eta(Map.of("a", batch(100, 0.02)), 0, 30 * SECOND));
        assertEquals(0, progress.eta(Map.of("a", batch(100, 1.0)), 0, 30 * SECOND));
    }

    @Test
    void the_progress_line_shows_the_estimate_of_the_whole_run() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestCommand.Progress progress = new IngestCommand.Progress(100, new PrintStream(bytes, true),
                System.nanoTime() - 60 * SECOND);
        progress.uploaded = 100;
        progress.draw(Map.of("a", batch(50, 0.5), "b", batch(50, 0)), 0); // 25 files in a minute: 3 more minutes
        String line = bytes.toString().strip();
        assertTrue(line.matches(".*ETA 3m0[0-2]s.*"), line);
    }

    private static IngestCommand.Progress progress(int files) {
        return new IngestCommand.Progress(files, new PrintStream(new ByteArrayOutputStream()), 0);
    }

    private static JsonNode batch(int total, double progress) {
        return JSON.createObjectNode().put("total", total).put("progress", progress).put("ready", 0).put("failed", 0);
    }
}
