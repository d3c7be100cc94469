package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.MissingTargets;
import io.docqa.answer.RelevanceGate;
import io.docqa.answer.model.AnswerConfig;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
    @Inject
    AnswerConfig config;

    /** One question as the threshold grid sees it: the gate's signals, and whether a named target was missing. */
    record Judged(String corpus, boolean answerable, boolean missing, long passages, double absentShare,
            List<RelevanceGate.PassageSignals> signals) {
    }

    @Test
    void print_gate_signals() throws Exception {
        assumeTrue(RealCorpora.available(), "corpora not fetched");
        String split = System.getProperty("bench.split", "dev");
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        StringBuilder summary = new StringBuilder("Split: " + split + " (gate decisions with the configured defaults)\n\n"
                + "| corpus | answerable | false abstention | unanswerable | abstention |\n|---|---:|---:|---:|---:|\n");
        List<Judged> judged = new ArrayList<>();
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
                RelevanceGate.Verdict verdict = gate.judge(question, scope, passages);
                boolean isMissing = missing.find(question, scope, null).isPresent();
                boolean notFound = isMissing || verdict.notFound();
                judged.add(new Judged(corpus, answerable, isMissing, counts.passages(), verdict.absentShare(),
                        verdict.signals()));
                tally[answerable ? 0 : 2]++;
                tally[answerable ? 1 : 3] += notFound ? 1 : 0;
                var row = json.createObjectNode();
                row.put("notFound", notFound);
                row.put("absentShare", verdict.absentShare());
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
        summary.append(leaveOneCorpusOut(judged));
        Files.writeString(Path.of("target/gate-signals.jsonl"), out);
        Files.writeString(Path.of("target/bench-gate-signals.md"), summary);
    }

    /** A point of the threshold grid: cosine, cosine when key words are absent, absent share. */
    record Point(double similarity, double absentSimilarity, double absentShare) {
    }

    /** Abstention and false abstention of a grid point over some questions. */
    record Rates(double abstention, double falseAbstention) {
        double gain() {
            return abstention - falseAbstention;
        }
    }

    Rates rates(List<Judged> questions, Point p) {
        var t = new RelevanceGate.Thresholds(p.similarity(), p.absentSimilarity(), config.minTermCoverage(),
                config.minKeyTermCoverage());
        int answerable = 0;
        int refused = 0;
        int unanswerable = 0;
        int abstained = 0;
        for (Judged q : questions) {
            boolean uncovered = q.passages() >= config.absentTermMinPassages() && q.absentShare() >= p.absentShare();
            boolean notFound = q.missing() || q.signals().stream().noneMatch(s -> RelevanceGate.counts(s, uncovered, t));
            if (q.answerable()) {
                answerable++;
                refused += notFound ? 1 : 0;
            } else {
                unanswerable++;
                abstained += notFound ? 1 : 0;
            }
        }
        return new Rates((double) abstained / unanswerable, (double) refused / answerable);
    }

    /**
     * Thresholds chosen on two corpora and measured on the third: the grid point with the best abstention minus
     * false abstention among those with false abstention at most 0.10 on the two, ties broken towards the lowest
     * cosines (the least strict), then the largest absent share.
     */
    String leaveOneCorpusOut(List<Judged> judged) {
        List<Point> grid = new ArrayList<>();
        for (int s = 60; s <= 66; s++) {
            for (int d = 2; d <= 12; d += 2) {
                for (double a : new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.4}) {
                    grid.add(new Point(s / 100.0, (s + d) / 100.0, a));
                }
            }
        }
        StringBuilder out = new StringBuilder("\nLeave one corpus out (cosine, cosine with absent key words, absent share "
                + "chosen on the other two; coverage " + config.minTermCoverage() + ", key-term floor "
                + config.minKeyTermCoverage() + ")\n\n| held out | chosen | on the two: abstention / false | held out: "
                + "abstention / false |\n|---|---|---|---|\n");
        List<String> sets = new ArrayList<>(RealCorpora.CORPORA);
        sets.add(null); // all three: the defaults' ground
        for (String held : sets) {
            List<Judged> train = judged.stream().filter(q -> !q.corpus().equals(held)).toList();
            List<Judged> test = judged.stream().filter(q -> q.corpus().equals(held)).toList();
            Point best = grid.stream().filter(p -> rates(train, p).falseAbstention() <= 0.10)
                    .max(Comparator.comparingDouble((Point p) -> Math.round(rates(train, p).gain() * 1e6))
                            .thenComparing(p -> -p.absentSimilarity()).thenComparing(p -> -p.similarity())
                            .thenComparingDouble(Point::absentShare))
                    .orElseThrow();
            Rates tr = rates(train, best);
            Rates te = test.isEmpty() ? null : rates(test, best);
            out.append(String.format(Locale.ROOT, "| %s | %.2f / %.2f / %.2f | %.3f / %.3f | %s |%n",
                    held == null ? "none (all three)" : held, best.similarity(), best.absentSimilarity(),
                    best.absentShare(), tr.abstention(), tr.falseAbstention(), te == null ? "—"
                            : String.format(Locale.ROOT, "%.3f / %.3f", te.abstention(), te.falseAbstention())));
        }
        return out.toString();
    }
}
