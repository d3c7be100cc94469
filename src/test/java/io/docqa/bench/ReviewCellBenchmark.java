package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.evaluate.RealCorpora;
import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.CellAnswer;
import io.docqa.review.cell.CellStatus;
import io.docqa.review.cell.ReviewCellAnswerer;
import io.docqa.review.cell.ReviewColumn;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Throughput of extractive review cells: 100 documents × 20 columns answered by {@link ReviewCellAnswerer} on a
 * fixed pool of worker threads (1, 2 and 4; the review job queue runs cells the same way, one cell per task). The
 * documents are the real licences (target/eval-corpora/licenses), each uploaded several times with a distinct first
 * line so that they are 100 different documents; the columns are those of the labelled set
 * (src/test/resources/eval/review-cells/columns.jsonl) plus four commercial-contract columns. Writes
 * target/bench-review-cells.md. Run with {@code scripts/bench.sh review-cells} (not part of the test suite).
 */
@QuarkusTest
class ReviewCellBenchmark {

    static final int DOCUMENTS = Integer.getInteger("bench.documents", 100);
    static final int[] THREADS = {1, 2, 4};

    @Inject
    ReviewCellAnswerer answerer;

    @Test
    void measure_cells_per_second() throws Exception {
        List<Long> ids = upload();
        List<ReviewColumn> columns = columns();
        assertEquals(20, columns.size());
        // warm-up: one row, not timed (JIT, embedding model, Lucene searcher)
        for (ReviewColumn c : columns) {
            answerer.answer(ids.get(0), c);
        }
        StringBuilder table = new StringBuilder("""
                | worker threads | cells | seconds | cells/s | p50 ms | p95 ms | supported | not found | error |
                |---|---|---|---|---|---|---|---|---|
                """);
        for (int threads : THREADS) {
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Map<CellStatus, Integer> statuses = Collections.synchronizedMap(new EnumMap<>(CellStatus.class));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> pending = new ArrayList<>();
            for (long id : ids) {
                for (ReviewColumn c : columns) {
                    pending.add(pool.submit(() -> {
                        long s = System.nanoTime();
                        CellAnswer a = answerer.answer(id, c);
                        latencies.add((System.nanoTime() - s) / 1_000_000);
                        statuses.merge(a.status(), 1, Integer::sum);
                    }));
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            List<Long> sorted = latencies.stream().sorted().toList();
            int cells = sorted.size();
            table.append("| %d | %d | %.1f | %.1f | %d | %d | %d | %d | %d |%n".formatted(threads, cells, seconds,
                    cells / seconds, sorted.get(cells / 2), sorted.get((int) (cells * 0.95)),
                    statuses.getOrDefault(CellStatus.SUPPORTED, 0), statuses.getOrDefault(CellStatus.NOT_FOUND, 0),
                    statuses.getOrDefault(CellStatus.ERROR, 0)));
            System.out.println("review cells, " + threads + " worker thread(s): " + cells / seconds + " cells/s");
            assertEquals(0, statuses.getOrDefault(CellStatus.ERROR, 0), "no cell fails");
        }
        String report = "Review cells, extractive: " + ids.size() + " documents × " + columns.size() + " columns, "
                + Runtime.getRuntime().availableProcessors() + " cores, load average at the end "
                + Files.readString(Path.of("/proc/loadavg")).strip() + "\n\n" + table;
        System.out.println(report);
        Files.writeString(Path.of("target/bench-review-cells.md"), report);
    }

    /** The licences, cycled to {@link #DOCUMENTS} distinct documents (a first line names each copy). */
    private static List<Long> upload() throws IOException {
        Path dir = RealCorpora.documents("licenses");
        assertTrue(Files.isDirectory(dir), "fetch the corpora first: scripts/lib.sh ensure_eval_corpora");
        List<Path> licences;
        try (Stream<Path> s = Files.list(dir)) {
            licences = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path copies = Files.createTempDirectory("docqa-review-bench");
        long collection = Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Review cell benchmark", "pipeline", RealCorpora.pipeline("licenses")))
                .post("/api/collections").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < DOCUMENTS; from += 10) {
            RequestSpecification upload = Api.asAdmin();
            for (int i = from; i < Math.min(DOCUMENTS, from + 10); i++) {
                Path source = licences.get(i % licences.size());
                Path copy = copies.resolve("copy-" + i + "-" + source.getFileName());
                Files.writeString(copy, "Review copy " + i + " of " + source.getFileName() + "\n\n"
                        + Files.readString(source));
                upload = upload.multiPart("file", copy.toFile());
            }
            JsonPath uploaded = upload.post("/api/collections/" + collection + "/documents").then().statusCode(202)
                    .extract().jsonPath();
            for (Object id : uploaded.getList("documents.id")) {
                ids.add(((Number) id).longValue());
            }
        }
        for (long id : ids) {
            assertEquals("READY", Api.awaitFinal(id).get("status"));
        }
        return ids;
    }

    private static List<ReviewColumn> columns() throws IOException {
        List<ReviewColumn> out = new ArrayList<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(Path.of("src/test/resources/eval/review-cells/columns.jsonl"))) {
            var n = json.readTree(line);
            out.add(new ReviewColumn(n.path("key").asText(), n.path("name").asText(), n.path("question").asText(),
                    AnswerType.fromWire(n.path("type").asText()).orElseThrow(), null));
        }
        out.add(new ReviewColumn("liability-cap", "Liability cap", "What is the cap on liability?", AnswerType.MONEY, null));
        out.add(new ReviewColumn("effective-date", "Effective date", "When does the agreement take effect?",
                AnswerType.DATE, null));
        out.add(new ReviewColumn("termination", "Termination", "When does the licence terminate?", AnswerType.TEXT, null));
        out.add(new ReviewColumn("limitation-of-liability", "Limitation of liability",
                "The limitation of liability clause", AnswerType.CLAUSE, null));
        return out;
    }
}
