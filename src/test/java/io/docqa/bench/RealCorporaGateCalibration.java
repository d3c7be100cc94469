package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.MissingTargets;
import io.docqa.answer.RelevanceGate;
import io.docqa.answer.text.Terms;
import io.docqa.evaluate.RealCorpora;
import io.docqa.retrieve.HybridRetriever;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrievedPassage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Calibrates the relevance gate on the development half of the real-corpora set: for every question, the signals a
 * gate can use over the passages the answer step receives (best cosine similarity, best content-word coverage,
 * the ranks of BM25 and vector search, which of the question's words each passage holds and how rare each word is
 * in the collection, the named target found missing) as JSON lines in target/gate-signals.jsonl, for a threshold grid
 * to be computed from. Measures, not asserts. Run: scripts/bench.sh gate-signals [dev|test|all] (dev by default).
 */
@QuarkusTest
class RealCorporaGateCalibration {

    @Inject
    HybridRetriever retriever;
    @Inject
    MissingTargets missing;
    @Inject
    Bm25Retriever bm25;
    @Inject
    RelevanceGate gate;
    @Inject
    io.docqa.retrieve.named.NamedDocuments namedDocuments;

    @Test
    void print_gate_signals() throws Exception {
        assumeTrue(RealCorpora.available(), "corpora not fetched");
        String split = System.getProperty("bench.split", "dev");
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        StringBuilder summary = new StringBuilder("Split: " + split + " (gate decisions with the configured defaults)\n\n"
                + "| corpus | answerable | false abstention | unanswerable | abstention |\n|---|---:|---:|---:|---:|\n");
        for (String corpus : RealCorpora.CORPORA) {
            int[] tally = new int[4]; // answerable, falsely abstained, unanswerable, abstained
            JsonPath run = RealCorporaBenchmark.startAndAwait(Map.of("dataset", RealCorpora.dataset(corpus).toString(),
                    "retrievers", List.of("bm25"), "limitQueries", 1, "pipeline", RealCorpora.pipeline(corpus)));
            assertEquals("DONE", run.getString("status"));
            AccessScope scope = AccessScope.of(List.of(run.getLong("collectionId")));
            for (String line : Files.readAllLines(RealCorpora.questions(corpus))) {
                JsonNode q = json.readTree(line);
                if (!"all".equals(split) && !split.equals(q.get("split").asText())) {
                    continue;
                }
                String question = q.get("question").asText();
                List<RetrievedPassage> passages = retriever.retrieve(scope, new RetrievalQuery(question, 6)).passages();
                Set<String> wanted = Terms.of(question);
                Bm25Retriever.TermCounts counts = bm25.termCounts(scope, wanted);
                boolean answerable = q.get("docs").size() > 0;
                boolean notFound = missing.find(question, scope, null).isPresent()
                        || gate.judge(question, scope, passages).notFound();
                tally[answerable ? 0 : 2]++;
                tally[answerable ? 1 : 3] += notFound ? 1 : 0;
                var row = json.createObjectNode();
                row.put("notFound", notFound);
                row.put("id", q.get("id").asText()).put("corpus", corpus).put("kind", q.get("kind").asText())
                        .put("answerable", q.get("docs").size() > 0).put("question", question)
                        .put("missing", missing.find(question, scope, null).orElse(null)).put("n", counts.passages());
                var named = namedDocuments.find(scope, question);
                var rest = row.putArray("rest");
                Terms.of(named.any() && named.rest() != null ? named.rest() : question).forEach(rest::add);
                row.put("named", named.any());
                var df = row.putObject("df");
                counts.docFreq().forEach(df::put);
                var ps = row.putArray("passages");
                var pointers = RelevanceGate.pointers(question);
                for (RetrievedPassage p : passages) {
                    String heading = p.chunk().headingPath() == null ? "" : p.chunk().headingPath() + " ";
                    String text = heading + p.chunk().text();
                    var terms = ps.addObject();
                    terms.put("sim", Double.isNaN(p.similarity()) ? 0 : p.similarity()).put("bm25", p.bm25Rank())
                            .put("vec", p.vectorRank()).put("score", p.score()).put("doc", p.documentName())
                            .put("pointer", pointers.stream().anyMatch(x -> x.matcher(text).find()));
                    var has = terms.putArray("terms");
                    Set<String> present = Terms.of(text);
                    wanted.stream().filter(present::contains).forEach(has::add);
                }
                out.append(json.writeValueAsString(row)).append('\n');
            }
            summary.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.3f | %d | %.3f |%n", corpus, tally[0],
                    (double) tally[1] / tally[0], tally[2], (double) tally[3] / tally[2]));
        }
        Files.writeString(Path.of("target/gate-signals.jsonl"), out);
        Files.writeString(Path.of("target/bench-gate-signals.md"), summary);
    }
}
