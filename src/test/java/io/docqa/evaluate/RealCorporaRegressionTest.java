package io.docqa.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A slice of the real-corpora set in CI: the licences and the Debian FAQ (155 questions, 50 of them unanswerable)
 * through the harness's REST API with answers, floors a little under the measured values (docs/evaluation.md).
 * The Bash manual, the slowest to ingest, is left to scripts/bench.sh real-corpora. The corpora come from
 * Debian's packages (scripts/test.sh fetches them); the test fails rather than skips when they are missing, so a
 * CI run cannot pass without measuring.
 */
@QuarkusTest
class RealCorporaRegressionTest {

    /**
     * Floors per corpus: hybrid Recall@5, citation hit, abstention; and the ceiling of false abstention. Measured
     * alone (2026-12-07): licences 0.905 / 0.786 / 0.667 / 0.048, FAQ 0.875 / 0.775 / 0.600 / 0.075; within the whole
     * suite the licences gave 0.881 / 0.786 / 0.611 / 0.048, since BM25 statistics span the index and other tests'
     * documents shift them. With sentences judged under their section's heading (2026-12-07, after a benchmark run in
     * the same application): licences 0.881 / 0.762 / 0.611 / 0.048, FAQ 0.875 / 0.825 / 0.600 / 0.075; the FAQ's
     * citation floor was raised from 0.70 to 0.75. With 20 more development questions (14 unanswerable) and the
     * relevance gate's check for words the collection never uses (2026-12-07, within a run of 17 test classes):
     * licences 0.889 / 0.778 / 0.800 / 0.067, FAQ 0.884 / 0.861 / 0.909 / 0.093; the abstention floors were raised
     * from 0.55 and 0.50 to 0.70 and 0.80. With 24 more development questions (20 paraphrases in everyday words the
     * texts never use, 4 unanswerable; 2026-12-07, measured alone): before the gate's agreement rule and the stem
     * check of rare words, licences 0.852 / 0.685 / 0.778 / 0.111, FAQ 0.873 / 0.725 / 0.913 / 0.157 (under the
     * floors); after, licences 0.852 / 0.704 / 0.778 / 0.074, FAQ 0.873 / 0.765 / 0.913 / 0.118. The licences'
     * citation floor was lowered from 0.73 to 0.68 for the harder questions. With the passages the gate did not count
     * as sources after those it counted (2026-12-08, within a run of 25 classes): licences 0.852 / 0.796 / 0.778 /
     * 0.074, FAQ 0.873 / 0.765 / 0.913 / 0.118; the licences' citation floor was raised from 0.68 to 0.75. With 2 %
     * instead of 4 % per passage rank in the extractive answer: FAQ citation hit 0.784, licences unchanged. With the
     * check for an item a section does not list ("section 7(g)"): licences abstention 0.815; its floor was raised
     * from 0.70 to 0.75.
     */
    static final Map<String, double[]> FLOORS = Map.of(
            "licenses", new double[] {0.83, 0.75, 0.75, 0.10},
            "debian-faq", new double[] {0.80, 0.75, 0.80, 0.13});

    @Test
    void licences_and_faq_keep_their_recall_citations_and_abstention() throws Exception {
        assertTrue(RealCorpora.available(), "fetch the corpora first: scripts/lib.sh ensure_eval_corpora (test.sh does)");
        for (var e : FLOORS.entrySet()) {
            String corpus = e.getKey();
            double[] floor = e.getValue();
            JsonPath run = GoldenSetRegressionTest.startAndAwait(Map.of("dataset", RealCorpora.dataset(corpus).toString(),
                    "retrievers", List.of("hybrid"), "answers", true, "pipeline", RealCorpora.pipeline(corpus)));
            assertEquals("DONE", run.getString("status"), () -> corpus + ": " + run.getString("error"));
            assertEquals(0, run.getInt("results.ingest.failed"), corpus + ": every document is ingested");
            double recall5 = run.getDouble("results.retrievers[0].recall5");
            double cited = run.getDouble("results.answers.citationHit");
            double abstained = run.getDouble("results.answers.abstention");
            double falseAbstention = run.getDouble("results.answers.falseAbstention");
            String summary = corpus + ": R@5 " + recall5 + ", citation hit " + cited + ", abstention " + abstained
                    + ", false abstention " + falseAbstention + "; misses of the development half "
                    + developmentMisses(corpus, run);
            System.out.println(summary);
            assertTrue(recall5 >= floor[0], summary);
            assertTrue(cited >= floor[1], summary);
            assertTrue(abstained >= floor[2], summary);
            assertTrue(falseAbstention <= floor[3], summary);
            assertTrue(run.getInt("results.answers.unanswerable") > 0 && run.getDouble("results.answers.p50Ms") > 0);
        }
    }

    /**
     * The run's misses among the development half's questions only: the log of CI is read by whoever tunes, and the
     * test half's questions must not be in it.
     */
    private static List<Object> developmentMisses(String corpus, JsonPath run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> development = Files.readAllLines(RealCorpora.questions(corpus)).stream().filter(l -> !l.isBlank())
                .map(l -> {
                    try {
                        return json.readTree(l);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).filter(q -> "dev".equals(q.path("split").asText())).map(q -> q.path("id").asText())
                .collect(Collectors.toSet());
        List<Map<String, Object>> misses = run.getList("results.answers.misses");
        return misses.stream().filter(m -> development.contains(String.valueOf(m.get("id"))))
                .collect(Collectors.toList());
    }
}
