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
import java.util.Set;

/**
 * {@code eval --dataset <dir> [--retrievers bm25,vector,hybrid] [--collection name] [--limit-queries N] [--split dev|test]
 * [--answers] [--pipeline NAME]}: starts an evaluation run on the server (the dataset directory must be readable by the server), waits
 * for it and prints Markdown tables of metrics per retriever, per question kind and, with {@code --answers}, of the
 * answers. Exit code 0 when the run finished, 1 when it failed.
 */
public final class EvalCommand implements CliCommand {

    private static final String USAGE = "--dataset DIR [--retrievers bm25,vector,hybrid] [--collection NAME]"
            + " [--limit-queries N] [--split dev|test] [--answers] [--pipeline NAME]";

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
        return USAGE + ": evaluate retrieval (and answers)";
    }

    @Override
    public int run(List<String> args, ApiClient api, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>(args);
        String dataset = DocqaMain.option(rest, "--dataset", null);
        String retrievers = DocqaMain.option(rest, "--retrievers", "bm25,vector,hybrid");
        String collection = DocqaMain.option(rest, "--collection", null);
        String limit = DocqaMain.option(rest, "--limit-queries", null);
        String split = DocqaMain.option(rest, "--split", null);
        boolean answers = rest.remove("--answers");
        String pipeline = DocqaMain.option(rest, "--pipeline", null);
        if (dataset == null || !rest.isEmpty()) {
            err.println("Usage: eval " + USAGE + (rest.isEmpty() ? "" : " (not understood: " + rest + ")"));
            return 2;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", Path.of(dataset).toAbsolutePath().normalize().toString());
        body.put("retrievers", Arrays.stream(retrievers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (collection != null) {
            body.put("collection", collection);
        }
        if (split != null) {
            body.put("split", split);
        }
        if (answers) {
            body.put("answers", true);
        }
        if (pipeline != null) {
            body.put("pipeline", pipeline);
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
        while (Set.of("QUEUED", "RUNNING").contains(run.path("status").asText())) {
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
        printKinds(run, out);
        printAnswers(run.path("results").path("answers"), out);
    }
    /** Recall per question kind and retriever, when the dataset has kinds (golden-QA). */
    static void printKinds(JsonNode run, PrintStream out) {
        JsonNode rows = run.path("results").path("retrievers");
        if (rows.isEmpty() || rows.get(0).path("byKind").size() <= 1) {
            return;
        }
        out.println();
        out.println("| retriever | kind | queries | Recall@5 | Recall@10 | MRR@10 |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (JsonNode r : rows) {
            r.path("byKind").fields().forEachRemaining(k -> out.printf(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %.4f |%n",
                    r.path("retriever").asText(), k.getKey(), k.getValue().path("queries").asInt(),
                    k.getValue().path("recall5").asDouble(), k.getValue().path("recall10").asDouble(),
                    k.getValue().path("mrr10").asDouble()));
        }
    }

    /** The answer scores of a run that evaluated answers. */
    static void printAnswers(JsonNode a, PrintStream out) {
        if (a.isMissingNode() || a.isNull()) {
            return;
        }
        out.printf(Locale.ROOT, "%nAnswers (%s): %d answerable, %d unanswerable; p50 %.0f ms, p95 %.0f ms%n%n",
                a.path("mode").asText(), a.path("answerable").asInt(), a.path("unanswerable").asInt(),
                a.path("p50Ms").asDouble(), a.path("p95Ms").asDouble());
        out.println("| kind | questions | citation hit | false abstention | abstention |");
        out.println("|---|---:|---:|---:|---:|");
        a.path("byKind").fields().forEachRemaining(k -> {
            boolean unanswerable = "unanswerable".equals(k.getKey());
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", k.getKey(), k.getValue().path("questions").asInt(),
                    unanswerable ? "–" : fmt(k.getValue().path("citationHit")),
                    unanswerable ? "–" : fmt(k.getValue().path("falseAbstention")),
                    unanswerable ? fmt(k.getValue().path("abstention")) : "–");
        });
        out.printf(Locale.ROOT, "| **all** | %d | %s (quote %s) | %s | %s |%n",
                a.path("answerable").asInt() + a.path("unanswerable").asInt(), fmt(a.path("citationHit")),
                fmt(a.path("quoteHit")), fmt(a.path("falseAbstention")), fmt(a.path("abstention")));
    }

    private static String fmt(JsonNode v) {
        return String.format(Locale.ROOT, "%.3f", v.asDouble());
    }
}
