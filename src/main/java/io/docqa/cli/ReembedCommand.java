package io.docqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code reembed [--start] [--wait]}: shows the model of the searched vectors and the progress of a re-embedding;
 * {@code --start} starts re-embedding every chunk with the server's configured model, {@code --wait} follows it until
 * the switch (ADMIN only).
 */
final class ReembedCommand implements CliCommand {

    @Override
    public String name() {
        return "reembed";
    }

    @Override
    public String summary() {
        return "show or start (--start) the re-embedding of every chunk with the configured model; --wait follows it (admin)";
    }

    @Override
    public int run(List<String> args, ApiClient api, PrintStream out, PrintStream err) throws Exception {
        JsonNode s = args.contains("--start") ? api.post("/api/admin/reembed", Map.of()) : api.get("/api/admin/reembed");
        print(s, out);
        while (args.contains("--wait") && s.hasNonNull("building")) {
            Thread.sleep(2000);
            s = api.get("/api/admin/reembed");
            print(s, out);
        }
        return 0;
    }

    private static void print(JsonNode s, PrintStream out) {
        out.println("Searched: " + describe(s.get("active")) + ", " + s.get("chunks").asLong() + " chunks");
        JsonNode b = s.get("building");
        if (b == null || b.isNull()) {
            out.println("No re-embedding under way.");
            return;
        }
        out.printf("Re-embedding into %s: %d of %d chunks (%.1f %%)%s%n", describe(b), s.get("embedded").asLong(),
                s.get("chunks").asLong(), s.get("progress").asDouble() * 100,
                b.hasNonNull("error") ? "; last error: " + b.get("error").asText() : "");
    }

    private static String describe(JsonNode g) {
        return g.get("provider").asText() + " " + g.get("model").asText() + " (" + g.get("dimensions").asInt() + " dims, "
                + g.get("storage").asText() + ", generation " + g.get("id").asInt() + ")";
    }
}
