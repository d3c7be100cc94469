package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Answer quality in the running configuration (extractive unless an LLM is configured) on a golden-QA set over
 * the committed fixtures (src/test/resources/eval/answers-golden.jsonl, one {"question","docs","evidence"} per
 * line; no docs = unanswerable). Measures, not asserts: prints a Markdown table and writes it to
 * target/bench-answers.md. Run with scripts/bench.sh answers (not part of the test suite: the class name does
 * not end in Test).
 */
@QuarkusTest
class AnswerQualityBenchmark {

    static final Path GOLDEN = Path.of("src/test/resources/eval/answers-golden.jsonl");
    static final String[] FIXTURES = {"service-agreement.pdf", "employee-handbook.docx", "notes.html"};

    record Golden(String question, List<String> docs, List<String> evidence) {
        boolean answerable() {
            return !docs.isEmpty();
        }
    }

    @Test
    void measure_abstention_and_citation_accuracy() throws IOException {
        List<Golden> golden = load();
        long collection = Api.createCollection("Answer benchmark");
        JsonPath upload = Api.upload(collection, FIXTURES).then().statusCode(202).extract().jsonPath();
        for (Object id : upload.getList("documents.id")) {
            assertEquals("READY", Api.awaitFinal(((Number) id).longValue()).get("status"));
        }
        Api.ask("warm-up question about the agreement", List.of(collection)).then().statusCode(200);

        int answerable = 0, answered = 0, citedEvidence = 0, grounded = 0, citations = 0, citationsInDocs = 0;
        int unanswerable = 0, abstained = 0, withClosest = 0;
        List<Long> latencies = new ArrayList<>();
        StringBuilder misses = new StringBuilder();
        String mode = "";
        for (Golden g : golden) {
            long t0 = System.nanoTime();
            JsonPath a = Api.ask(g.question(), List.of(collection)).then().statusCode(200).extract().jsonPath();
            latencies.add((System.nanoTime() - t0) / 1_000_000);
            mode = a.getString("mode");
            boolean abstainedHere = a.getString("answer").startsWith("Not found in the selected documents");
            List<Map<String, Object>> cits = a.getList("citations");
            if (g.answerable()) {
                answerable++;
                if (!abstainedHere) {
                    answered++;
                }
                if (a.getBoolean("grounded")) {
                    grounded++;
                }
                boolean hit = false;
                for (Map<String, Object> c : cits) {
                    citations++;
                    if (g.docs().contains((String) c.get("documentName"))) {
                        citationsInDocs++;
                    }
                    String span = norm((String) (c.get("quote") != null ? c.get("quote") : c.get("text")));
                    hit |= g.evidence().stream().anyMatch(e -> span.contains(norm(e)));
                }
                if (hit) {
                    citedEvidence++;
                } else {
                    misses.append("- missed: ").append(g.question()).append(" → ").append(a.getString("answer"))
                            .append('\n');
                }
            } else {
                unanswerable++;
                if (abstainedHere) {
                    abstained++;
                    if (!a.getList("closest").isEmpty()) {
                        withClosest++;
                    }
                } else {
                    misses.append("- answered although unanswerable: ").append(g.question()).append(" → ")
                            .append(a.getString("answer")).append('\n');
                }
            }
        }
        latencies.sort(Long::compare);
        String table = """
                | metric (mode: %s) | value |
                |---|---|
                | answerable questions | %d |
                | answered (not abstained) | %d / %d (%.0f%%) |
                | citation accuracy: a cited span contains the evidence | %d / %d (%.0f%%) |
                | citation precision: citations into an expected document | %d / %d (%.0f%%) |
                | grounded (every sentence verified) | %d / %d (%.0f%%) |
                | unanswerable questions | %d |
                | abstention on unanswerable | %d / %d (%.0f%%) |
                | abstentions listing closest passages | %d / %d |
                | latency per question, median / max (ms) | %d / %d |
                """.formatted(mode, answerable, answered, answerable, pct(answered, answerable), citedEvidence,
                answerable, pct(citedEvidence, answerable), citationsInDocs, citations, pct(citationsInDocs, citations),
                grounded, answerable, pct(grounded, answerable), unanswerable, abstained, unanswerable,
                pct(abstained, unanswerable), withClosest, abstained, latencies.get(latencies.size() / 2),
                latencies.get(latencies.size() - 1));
        String report = table + "\n" + misses;
        System.out.println("\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench-answers.md"), report);
    }

    private static double pct(int a, int b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    private static String norm(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").replace('’', '\'').toLowerCase(Locale.ROOT).strip();
    }

    private static List<Golden> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Golden> out = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            List<String> docs = new ArrayList<>();
            n.get("docs").forEach(d -> docs.add(d.asText()));
            List<String> evidence = new ArrayList<>();
            n.get("evidence").forEach(e -> evidence.add(e.asText()));
            out.add(new Golden(n.get("question").asText(), docs, evidence));
        }
        return out;
    }
}
