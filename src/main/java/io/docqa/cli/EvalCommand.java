package io.docqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code eval --dataset <dir> [--retrievers bm25,vector,hybrid] [--collection name] [--limit-queries N]}: starts an
 * evaluation run on the server (the dataset directory must be readable by the server), waits for it and prints
 * a Markdown table of metrics per retriever. Exit code 0 when the run finished, 1 when it failed.
 */
public final class EvalCommand implements CliCommand {

    private final long pollMillis;

    public EvalCommand() {
        this(2000);
    }

    EvalCommand(long pollMillis) {
        this.pollMillis = pollMillis;
    }

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "--dataset DIR [--retrievers bm25,vector,hybrid] [--collection NAME] [--limit-queries N]: evaluate retrieval";
    }

    @Override
    public int run(List<String> args, ApiClient api, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>(args);
        String dataset = DocqaMain.option(rest, "--dataset", null);
        String retrievers = DocqaMain.option(rest, "--retrievers", "bm25,vector,hybrid");
        String collection = DocqaMain.option(rest, "--collection", null);
        String limit = DocqaMain.option(rest, "--limit-queries", null);
        if (dataset == null || !rest.isEmpty()) {
            err.println("Usage: eval --dataset DIR [--retrievers bm25,vector,hybrid] [--collection NAME] [--limit-queries N]"
                    + (rest.isEmpty() ? "" : " (not understood: " + rest + ")"));
            return 2;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", Path.of(dataset).toAbsolutePath().normalize().toString());
        body.put("retrievers", Arrays.stream(retrievers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (collection != null) {
            body.put("collection", collection);
        }
        if (limit != null) {
            try {
                body.put("limitQueries", Integer.parseInt(limit));
            } catch (NumberFormatException e) {
                err.println("--limit-queries needs a whole number.");
                return 2;
            }
        }
        JsonNode run = api.post("/api/eval/runs", body);
        long id = run.get("id").asLong();
        out.println("Evaluation run " + id + " on " + run.path("datasetName").asText() + " started.");
        String lastProgress = "";
        while ("RUNNING".equals(run.path("status").asText())) {
            String progress = run.path("progress").asText("");
            if (!progress.equals(lastProgress)) {
                err.println("  " + progress);
                lastProgress = progress;
            }
            Thread.sleep(pollMillis);
            run = api.get("/api/eval/runs/" + id);
        }
        if (!"DONE".equals(run.path("status").asText())) {
            err.println("Evaluation run " + id + " failed: " + run.path("error").asText());
            return 1;
        }
        printTable(run, out);
        return 0;
    }

    static void printTable(JsonNode run, PrintStream out) {
        JsonNode ingest = run.path("results").path("ingest");
        out.printf(Locale.ROOT, "%nDataset %s (%s), %d queries; documents ready %d, failed %d%s%n%n",
                run.path("datasetName").asText(), run.path("format").asText(), run.path("results").path("queries").asInt(),
                ingest.path("ready").asInt(), ingest.path("failed").asInt(),
                ingest.path("failed").asInt() > 0 ? " " + ingest.path("failures") : "");
        out.println("| retriever | nDCG@10 | Recall@5 | Recall@10 | Recall@100 | MRR@10 | p50 ms | p95 ms |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode r : run.path("results").path("retrievers")) {
            out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f |%n", r.path("retriever").asText(),
                    r.path("ndcg10").asDouble(), r.path("recall5").asDouble(), r.path("recall10").asDouble(),
                    r.path("recall100").asDouble(), r.path("mrr10").asDouble(), r.path("p50Ms").asDouble(),
                    r.path("p95Ms").asDouble());
        }
    }
}
