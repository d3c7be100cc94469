package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.MissingTargets;
import io.docqa.answer.text.Terms;
import io.docqa.evaluate.RealCorpora;
import io.docqa.retrieve.HybridRetriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrievedPassage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Calibrates the relevance gate on the development half of the real-corpora set: for every question, the signals a
 * gate can use over the passages the answer step receives (best cosine similarity, best content-word coverage,
 * whether BM25 and vector search agree on a passage), then abstention and false abstention for a grid of thresholds.
 * Measures, not asserts. Run: ./mvnw test -Dtest=RealCorporaGateCalibration (corpora fetched by
 * scripts/bench.sh real-corpora); writes target/gate-calibration.md.
 */
@QuarkusTest
class RealCorporaGateCalibration {

    @Inject
    HybridRetriever retriever;
    @Inject
    MissingTargets missing;

    record Signals(String id, boolean answerable, double sim, double coverage, int agree, boolean missingTarget) {
    }

    @Test
    void print_gate_signals_and_threshold_grid() throws Exception {
        assumeTrue(RealCorpora.available(), "corpora not fetched");
        String split = System.getProperty("bench.split", "dev");
        ObjectMapper json = new ObjectMapper();
        List<Signals> all = new ArrayList<>();
        for (String corpus : RealCorpora.CORPORA) {
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
                double sim = 0;
                double cov = 0;
                int agree = 0;
                for (RetrievedPassage p : passages) {
                    sim = Math.max(sim, Double.isNaN(p.similarity()) ? 0 : p.similarity());
                    String heading = p.chunk().headingPath() == null ? "" : p.chunk().headingPath() + " ";
                    cov = Math.max(cov, Terms.coverage(wanted, Terms.of(heading + p.chunk().text())));
                    if (p.bm25Rank() > 0 && p.vectorRank() > 0 && p.bm25Rank() <= 3 && p.vectorRank() <= 3) {
                        agree++;
                    }
                }
                all.add(new Signals(q.get("id").asText(), q.get("docs").size() > 0, sim, cov, agree,
                        missing.find(question, scope, null).isPresent()));
            }
        }
        StringBuilder out = new StringBuilder("| id | answerable | best sim | best coverage | agreeing | missing target |\n|---|---|---:|---:|---:|---|\n");
        all.forEach(s -> out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.2f | %d | %s |%n", s.id(), s.answerable(),
                s.sim(), s.coverage(), s.agree(), s.missingTarget())));
        out.append("\n| min sim | min coverage | agreement counts | abstention | false abstention |\n|---:|---:|---|---:|---:|\n");
        for (double sim : new double[] {0.60, 0.62, 0.64, 0.66, 0.68, 0.70, 0.72, 0.74}) {
            for (double cov : new double[] {0.6, 0.7, 0.8, 1.01}) {
                for (boolean agreement : new boolean[] {false, true}) {
                    int un = 0, abst = 0, ans = 0, falseAbst = 0;
                    for (Signals s : all) {
                        boolean relevant = !s.missingTarget() && (s.sim() >= sim || s.coverage() >= cov || agreement && s.agree() > 0);
                        if (s.answerable()) {
                            ans++;
                            falseAbst += relevant ? 0 : 1;
                        } else {
                            un++;
                            abst += relevant ? 0 : 1;
                        }
                    }
                    out.append(String.format(Locale.ROOT, "| %.2f | %.2f | %s | %.3f | %.3f |%n", sim, cov, agreement,
                            (double) abst / un, (double) falseAbst / ans));
                }
            }
        }
        System.out.println(out);
        Files.writeString(Path.of("target/gate-calibration.md"), out);
    }
}
