package io.docqa.bench;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docqa.evaluate.EvalRuns;
import io.docqa.evaluate.RealCorpora;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrieval and answer quality on the real public corpora (licences, Bash manual, Debian FAQ) through the evaluation
 * harness's REST API, one run per corpus with answers, on one split ({@code -Dbench.split=dev|test}, default
 * dev; {@code all} for both). Prints Markdown tables per corpus, per question kind and in total, and the misses;
 * writes them to target/bench-real-corpora.md. {@code -Dbench.corpora=bash-manual,...} runs only those corpora. Run with scripts/bench.sh real-corpora (not part of the suite).
 */
@QuarkusTest
class RealCorporaBenchmark {

    /**
     * {@code -Dbench.dump=file}: for each question of the split, the passages the answer step is given (after the
     * relevance gate and expansion, as {@code AnswerService.sources} gives them) are written there as JSON lines, so that {@link ExtractiveReplay} can re-answer
     * them without ingesting again (tuning the extractive answer on the development half).
     */
    static final String DUMP = System.getProperty("bench.dump", "");

    @jakarta.inject.Inject
    io.docqa.retrieve.core.Retriever retriever;
    @jakarta.inject.Inject
    io.docqa.answer.AnswerService answers;
    @jakarta.inject.Inject
    io.docqa.retrieve.named.NamedDocuments namedDocuments;
    @jakarta.inject.Inject
    io.docqa.answer.model.AnswerConfig answerConfig;

    /** {@code -Dbench.detail=true} lists under each miss what the answer cited and the top hybrid passages, [E] where the evidence is. */
    static final boolean DETAIL = Boolean.getBoolean("bench.detail");

    @Test
    void measure_retrieval_and_answers_on_real_corpora() throws IOException {
        assumeTrue(RealCorpora.available(), "run scripts/bench.sh real-corpora: it fetches the corpora");
        String split = System.getProperty("bench.split", "dev");
        String retrievers = System.getProperty("bench.retrievers", "bm25,vector,hybrid");
        StringBuilder report = new StringBuilder("Split: " + split + "\n\n");
        StringBuilder kinds = new StringBuilder("| corpus | retriever | kind | queries | R@5 | R@10 | MRR@10 |\n|---|---|---|---:|---:|---:|---:|\n");
        StringBuilder answers = new StringBuilder("| corpus | mode | kind | questions | citation hit | false abstention | abstention |\n|---|---|---|---:|---:|---:|---:|\n");
        StringBuilder misses = new StringBuilder();
        report.append("| corpus | retriever | queries | nDCG@10 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double[] total = new double[6]; // answerable, cited, falseAbst, unanswerable, abstained, quoted
        List<String> corpora = System.getProperty("bench.corpora", "").isBlank() ? RealCorpora.CORPORA
                : List.of(System.getProperty("bench.corpora").split(","));
        for (String corpus : corpora) {
            Map<String, Judged> judgements = DETAIL ? judgements(corpus) : Map.of();
            Map<String, Object> body = new java.util.HashMap<>(Map.of("dataset", RealCorpora.dataset(corpus).toString(),
                    "retrievers", List.of(retrievers.split(",")), "answers", true,
                    "pipeline", System.getProperty("bench.pipeline", RealCorpora.pipeline(corpus))));
            if (!"all".equals(split)) {
                body.put("split", split);
            }
            JsonPath run = startAndAwait(body);
            assertEquals("DONE", run.getString("status"), () -> corpus + ": " + run.getString("error"));
            List<Map<String, Object>> rows = run.getList("results.retrievers");
            for (Map<String, Object> r : rows) {
                report.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f |%n", corpus,
                        r.get("retriever"), r.get("queries"), d(r.get("ndcg10")), d(r.get("recall5")), d(r.get("recall10")),
                        d(r.get("mrr10")), d(r.get("p50Ms")), d(r.get("p95Ms"))));
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> byKind = (Map<String, Map<String, Object>>) r.get("byKind");
                byKind.forEach((k, v) -> kinds.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %.3f | %.3f |%n",
                        corpus, r.get("retriever"), k, v.get("queries"), d(v.get("recall5")), d(v.get("recall10")),
                        d(v.get("mrr10")))));
            }
            if (!DUMP.isBlank()) {
                dump(corpus, split, run.getLong("collectionId"));
            }
            Map<String, Object> a = run.getMap("results.answers");
            String mode = (String) a.get("mode");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> byKind = (Map<String, Map<String, Object>>) a.get("byKind");
            byKind.forEach((k, v) -> answers.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %.3f | %.3f |%n",
                    corpus, mode, k, v.get("questions"), d(v.get("citationHit")), d(v.get("falseAbstention")),
                    d(v.get("abstention")))));
            int answerable = ((Number) a.get("answerable")).intValue();
            int unanswerable = ((Number) a.get("unanswerable")).intValue();
            answers.append(String.format(Locale.ROOT, "| %s | %s | **all** (quote hit %.3f, p50 %.0f ms) | %d | %.3f | %.3f | %.3f |%n",
                    corpus, mode, d(a.get("quoteHit")), d(a.get("p50Ms")), answerable + unanswerable, d(a.get("citationHit")),
                    d(a.get("falseAbstention")), d(a.get("abstention"))));
            total[0] += answerable;
            total[1] += d(a.get("citationHit")) * answerable;
            total[2] += d(a.get("falseAbstention")) * answerable;
            total[3] += unanswerable;
            total[4] += d(a.get("abstention")) * unanswerable;
            total[5] += d(a.get("quoteHit")) * answerable;
            List<Map<String, Object>> missed = run.getList("results.answers.misses");
            for (Map<String, Object> m : missed) {
                misses.append("- ").append(m.get("id")).append(" [").append(m.get("kind")).append(", ").append(m.get("outcome"))
                        .append("] ").append(m.get("question")).append(" → ")
                        .append(String.valueOf(m.get("answer")).replaceAll("\\s+", " ")).append('\n');
                if (DETAIL) {
                    misses.append(detail(run.getLong("collectionId"), String.valueOf(m.get("question")),
                            judgements.get(String.valueOf(m.get("id")))));
                }
            }
        }
        String out = report + "\n" + kinds + "\n" + answers + String.format(Locale.ROOT,
                "%nAll corpora: citation hit %.3f (quote hit %.3f) over %d answerable, false abstention %.3f, abstention %.3f over %d unanswerable%n%nMisses:%n",
                total[1] / total[0], total[5] / total[0], (int) total[0], total[2] / total[0], total[4] / total[3], (int) total[3])
                + misses;
        System.out.println("\n" + out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench-real-corpora.md"), out);
    }

    /** The answer step's input for each question of the split, as AnswerService computes it (extractive mode). */
    private void dump(String corpus, String split, long collection) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        io.docqa.retrieve.core.AccessScope scope = io.docqa.retrieve.core.AccessScope.of(List.of(collection));
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(RealCorpora.questions(corpus))) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
            if (!"all".equals(split) && !split.equals(n.path("split").asText())) {
                continue;
            }
            String question = n.path("question").asText();
            List<io.docqa.retrieve.core.RetrievedPassage> passages = retriever.retrieve(scope,
                    new io.docqa.retrieve.core.RetrievalQuery(question, answerConfig.sources(), null)).passages();
            List<io.docqa.retrieve.core.RetrievedPassage> relevant =
                    answers.sources(scope, question, null, passages).passages();
            var named = namedDocuments.find(scope, question);
            String focus = named.any() && named.rest() != null && named.rest().chars().filter(Character::isLetter).count() >= 3
                    ? named.rest() : question;
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("corpus", corpus);
            row.put("id", n.path("id").asText());
            row.put("question", question);
            row.put("focus", focus);
            row.put("passages", relevant);
            row.put("retrieved", passages);
            out.append(json.writeValueAsString(row)).append('\n');
        }
        Files.writeString(Path.of(DUMP), out, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The documents and evidence phrases of one labelled question. */
    record Judged(List<String> docs, List<String> evidence) {
        boolean holds(Object documentName, Object text) {
            String t = String.valueOf(text).replaceAll("\\s+", " ").replace('\u2018', '\'').replace('\u2019', '\'')
                    .replace('\u201c', '"').replace('\u201d', '"').strip().toLowerCase(Locale.ROOT);
            return docs.contains(String.valueOf(documentName)) && evidence.stream().anyMatch(t::contains);
        }
    }

    static Map<String, Judged> judgements(String corpus) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Judged> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(RealCorpora.questions(corpus))) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
            List<String> docs = new java.util.ArrayList<>();
            n.path("docs").forEach(d -> docs.add(d.asText()));
            List<String> evidence = new java.util.ArrayList<>();
            n.path("evidence").forEach(e -> evidence.add(e.asText().replaceAll("\\s+", " ").replace('\u2018', '\'')
                    .replace('\u2019', '\'').replace('\u201c', '"').replace('\u201d', '"').strip().toLowerCase(Locale.ROOT)));
            out.put(n.path("id").asText(), new Judged(docs, evidence));
        }
        return out;
    }

    /**
     * What the answer cited and what hybrid search ranked first for a missed question, each line marked [E] when its
     * passage holds the evidence: whether the evidence was not found, or found and not cited.
     */
    static String detail(long collection, String question, Judged judged) {
        StringBuilder out = new StringBuilder();
        JsonPath asked = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("question", question, "collections", List.of(collection)))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cited = asked.getList("citations");
        for (Map<String, Object> c : cited) {
            out.append("    - cited ").append(judged != null && judged.holds(c.get("documentName"), c.get("text")) ? "[E] " : "")
                    .append(c.get("documentName")).append(" § ").append(c.get("headingPath")).append(": ")
                    .append(shorten(c.get("quote"))).append('\n');
        }
        JsonPath found = asAdmin().contentType(ContentType.JSON).body(Map.of("query", question,
                "collections", List.of(collection), "limit", 10))
                .post("/api/search").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> hits = found.getList("results");
        for (int i = 0; i < hits.size(); i++) {
            Map<String, Object> h = hits.get(i);
            boolean holds = judged != null && judged.holds(h.get("documentName"), h.get("text"));
            if (i < 6 || holds) {
                out.append("    - #").append(i + 1).append(holds ? " [E] " : " ").append(h.get("documentName"))
                        .append(" § ").append(h.get("headingPath")).append(": ").append(shorten(h.get("text"))).append('\n');
            }
        }
        return out.toString();
    }

    private static String shorten(Object text) {
        String t = String.valueOf(text).replaceAll("\\s+", " ");
        return t.substring(0, Math.min(140, t.length()));
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    static JsonPath startAndAwait(Map<String, Object> body) {
        return EvalRuns.startAndAwait(body, Duration.ofMinutes(30));
    }
}
