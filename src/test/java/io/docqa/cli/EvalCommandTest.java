package io.docqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.evaluate.GoldenDatasets;
import io.docqa.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code eval} command against a running server over real HTTP, as an operator runs it. */
@QuarkusTest
class EvalCommandTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void eval_command_runs_the_harness_and_prints_a_markdown_table_per_retriever() throws Exception {
        Path dataset = GoldenDatasets.fixturesGolden();
        Result r = run("eval", "--dataset", dataset.toString(), "--retrievers", "bm25,hybrid", "--limit-queries", "4",
                "--collection", "cli-eval");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("| retriever | nDCG@10 | Recall@5 | Recall@10 | Recall@100 | MRR@10 | p50 ms | p95 ms |"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("| bm25 | ")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("| hybrid | ")), r.out);
        assertTrue(r.out.contains("4 queries; documents ready 3, failed 0"), r.out);
    }

    @Test
    void eval_command_fails_with_the_servers_reason_for_a_bad_dataset_or_missing_option() throws Exception {
        Result bad = run("eval", "--dataset", "/nonexistent/dataset");
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains("No dataset directory"), bad.err);
        Result usage = run("eval");
        assertEquals(2, usage.code);
        assertTrue(usage.err.contains("Usage: eval --dataset"), usage.err);
    }

    private Result run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.toString(), "--user", Api.ADMIN, "--password", Api.ADMIN_PASSWORD));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DocqaMain.runCommand(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
