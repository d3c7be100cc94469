package io.docqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/** {@code reindex}: asks the running server to rebuild its Lucene index from PostgreSQL (ADMIN only). */
final class ReindexCommand implements CliCommand {

    @Override
    public String name() {
        return "reindex";
    }

    @Override
    public String summary() {
        return "rebuild the Lucene (BM25) index from PostgreSQL, the source of truth (admin)";
    }

    @Override
    public int run(List<String> args, ApiClient api, PrintStream out, PrintStream err) throws Exception {
        out.println("Rebuilding the Lucene index of " + api.base() + " …");
        JsonNode r = api.post("/api/admin/reindex", java.util.Map.of());
        out.printf("Done: %d documents, %d chunks indexed in %.1f s (change %d).%n", r.get("documents").asInt(),
                r.get("chunks").asInt(), r.get("millis").asLong() / 1000.0, r.get("changeSeq").asLong());
        return 0;
    }
}
