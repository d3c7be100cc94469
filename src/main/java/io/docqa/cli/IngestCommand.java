package io.docqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ingest <folder> --collection <name> [--pipeline <name>]}: uploads every file under a folder in batches,
 * shows a progress bar until the server has ingested them all, and exits 1 with a list of failures when any failed.
 * The collection is created when missing. A file's folder path inside the given folder is kept in its document name
 * ("guides › setup.pdf"), so equal names in different folders stay different documents.
 */
final class IngestCommand implements CliCommand {

    /** Files per upload request, and bytes per upload request. */
    static final int BATCH_FILES = 50;
    static final long BATCH_BYTES = 64L << 20;
    private static final int BAR = 30;
    private static final JsonNode EMPTY_BATCH = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
            .put("total", 0).put("ready", 0).put("failed", 0).put("finished", true).put("progress", 1.0)
            .set("failures", new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode());

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String summary() {
        return "ingest <folder> --collection <name> [--pipeline <name>] [--no-wait]: upload a folder, show progress";
    }

    @Override
    public int run(List<String> args, ApiClient api, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>(args);
        String collectionName = DocqaMain.option(rest, "--collection", null);
        String pipeline = DocqaMain.option(rest, "--pipeline", null);
        boolean wait = !rest.remove("--no-wait");
        if (rest.size() != 1 || collectionName == null) {
            err.println("Usage: ingest <folder> --collection <name> [--pipeline <name>] [--no-wait]");
            return 2;
        }
        Path folder = Path.of(rest.get(0));
        if (!Files.isDirectory(folder)) {
            err.println("Not a folder: " + folder);
            return 2;
        }
        List<Path> files = listFiles(folder);
        if (files.isEmpty()) {
            err.println("No files under " + folder);
            return 2;
        }
        long collection = findOrCreate(api, collectionName, pipeline, out);
        long t0 = System.nanoTime();
        Progress progress = new Progress(files.size(), out);
        List<String> batches = new ArrayList<>();
        Map<String, Integer> sent = new HashMap<>(); // files per batch; those not counted in the batch were duplicates
        List<Path> batch = new ArrayList<>();
        long batchBytes = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            batch.add(f);
            batchBytes += Files.size(f);
            if (batch.size() >= BATCH_FILES || batchBytes >= BATCH_BYTES || i == files.size() - 1) {
                List<String> names = batch.stream().map(p -> documentName(folder, p)).toList();
                JsonNode answer = uploadOrRecord(api, collection, batch, names, progress);
                if (answer != null) {
                    String batchId = answer.path("batchId").asText(null);
                    if (batchId != null) {
                        batches.add(batchId);
                        sent.put(batchId, batch.size());
                    }
                }
                progress.uploaded += batch.size();
                Map<String, JsonNode> now = poll(api, batches);
                progress.draw(now, duplicates(sent, now));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
        }
        Map<String, JsonNode> summaries = poll(api, batches);
        while (wait && !allFinished(summaries)) {
            progress.draw(summaries, duplicates(sent, summaries));
            Thread.sleep(1000);
            summaries = poll(api, batches);
        }
        int duplicates = duplicates(sent, summaries);
        progress.draw(summaries, duplicates);
        out.println();
        return summarize(summaries, progress, duplicates, wait, Duration.ofNanos(System.nanoTime() - t0), out);
    }

    /** An upload request refused as a whole (e.g. all files too large) counts its files as failed, not the run. */
    private static JsonNode uploadOrRecord(ApiClient api, long collection, List<Path> batch, List<String> names,
            Progress progress) throws IOException, InterruptedException {
        try {
            return api.upload("/api/collections/" + collection + "/documents", batch, names);
        } catch (ApiClient.ApiError e) {
            for (String n : names) {
                progress.refused.put(n, e.getMessage());
            }
            return null;
        }
    }

    static String documentName(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join(" › ", parts);
    }

    private static List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> folder.relativize(p).toString().chars().noneMatch(c -> c == 0))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static long findOrCreate(ApiClient api, String name, String pipeline, PrintStream out)
            throws IOException, InterruptedException {
        for (JsonNode c : api.get("/api/collections")) {
            if (c.get("name").asText().equals(name)) {
                if (pipeline != null && c.hasNonNull("pipeline") && !c.get("pipeline").asText().equals(pipeline)) {
                    out.println("Note: collection '" + name + "' uses pipeline '" + c.get("pipeline").asText()
                            + "'; --pipeline applies only when the collection is created.");
                }
                return c.get("id").asLong();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (pipeline != null) {
            body.put("pipeline", pipeline);
        }
        JsonNode created = api.post("/api/collections", body);
        out.println("Created collection '" + name + "'" + (pipeline == null ? "" : " with pipeline " + pipeline) + ".");
        return created.get("id").asLong();
    }

    /** Files whose bytes were already in the collection: the server answered with the existing document. */
    private static int duplicates(Map<String, Integer> sent, Map<String, JsonNode> summaries) {
        return sent.entrySet().stream().mapToInt(e -> e.getValue()
                - (summaries.containsKey(e.getKey()) ? summaries.get(e.getKey()).get("total").asInt() : 0)).sum();
    }

    private static Map<String, JsonNode> poll(ApiClient api, List<String> batches) throws IOException, InterruptedException {
        Map<String, JsonNode> out = new HashMap<>();
        for (String b : batches) {
            try {
                out.put(b, api.get("/api/batches/" + b));
            } catch (ApiClient.ApiError e) {
                if (e.status() != 404) {
                    throw e;
                }
                out.put(b, EMPTY_BATCH); // every file of the batch was already in the collection
            }
        }
        return out;
    }

    private static boolean allFinished(Map<String, JsonNode> summaries) {
        return summaries.values().stream().allMatch(s -> s.get("finished").asBoolean());
    }

    private static int sum(Map<String, JsonNode> summaries, String field) {
        return summaries.values().stream().mapToInt(s -> s.get(field).asInt()).sum();
    }

    private static int summarize(Map<String, JsonNode> summaries, Progress progress, int duplicates, boolean waited,
            Duration took, PrintStream out) {
        int ready = sum(summaries, "ready");
        int failed = sum(summaries, "failed") + progress.refused.size();
        out.printf(Locale.ROOT, "%d files: %d ready, %d failed, %d already in the collection%s; %s%n", progress.total,
                ready, failed, duplicates, waited ? "" : ", the rest still ingesting", format(took));
        for (JsonNode s : summaries.values()) {
            for (JsonNode f : s.get("failures")) {
                out.println("  FAILED " + f.get("name").asText() + " [" + f.path("errorCode").asText() + "]: "
                        + f.path("error").asText());
            }
        }
        progress.refused.forEach((name, why) -> out.println("  REFUSED " + name + ": " + why));
        return failed > 0 ? 1 : 0;
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** One terminal line redrawn with a carriage return. */
    static final class Progress {
        final int total;
        final PrintStream out;
        final Map<String, String> refused = new LinkedHashMap<>();
        int uploaded;
        int lastLength;

        /** When the first upload request was sent: the rate of the whole run is measured from here. */
        final long startedNanos;

        Progress(int total, PrintStream out) {
            this(total, out, System.nanoTime());
        }

        Progress(int total, PrintStream out, long startedNanos) {
            this.total = total;
            this.out = out;
            this.startedNanos = startedNanos;
        }

        /**
         * Seconds left for the whole run at its rate so far: files the server has ingested (finished or partly)
         * per second since the first upload, against every file still to do, including files not yet uploaded and
         * batches still waiting behind others. A batch's own estimate cannot see the batches queued after it.
         * Negative while too little is done to tell (under 5 % of the files, or under one file).
         */
        long eta(Map<String, JsonNode> summaries, int duplicates, long nowNanos) {
            double processed = summaries.values().stream()
                    .mapToDouble(s -> s.get("progress").asDouble() * s.get("total").asInt()).sum();
            double toIngest = total - duplicates - refused.size(); // those two take no server work
            double elapsed = (nowNanos - startedNanos) / 1e9;
            if (processed >= toIngest) {
                return 0;
            }
            if (processed < Math.max(1, 0.05 * toIngest) || elapsed <= 0) {
                return -1;
            }
            return Math.round((toIngest - processed) * elapsed / processed);
        }

        void draw(Map<String, JsonNode> summaries, int duplicates) {
            int ready = sum(summaries, "ready");
            int failed = sum(summaries, "failed") + refused.size();
            double done = summaries.values().stream().mapToDouble(s -> s.get("progress").asDouble() * s.get("total").asInt())
                    .sum() + duplicates + refused.size();
            double fraction = Math.min(1, done / total);
            long eta = eta(summaries, duplicates, System.nanoTime());
            int filled = (int) Math.round(fraction * BAR);
            String line = String.format(Locale.ROOT, "[%s%s] %3.0f%%  uploaded %d/%d  ready %d  failed %d%s",
                    "#".repeat(filled), ".".repeat(BAR - filled), fraction * 100, uploaded, total, ready, failed,
                    eta > 0 && fraction < 1 ? "  ETA " + format(Duration.ofSeconds(eta)) : "");
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
        }
    }
}
