package io.docqa.review.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.docqa.corpus.DocumentRepository;
import io.docqa.review.cell.LabelledCells.Label;
import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Cell accuracy per answer type on the labelled licences (src/test/resources/eval/review-cells/licenses.jsonl: real
 * licence texts from Debian treated as contracts, each cell's expected status and normalised value, evidence phrases
 * checked against the text by {@link ReviewCellDatasetTest}), extractive and through the LLM path. The LLM path talks
 * over HTTP to {@link ScriptedOpenAiServer} replying with {@link ScriptedReader}: a lexical reader that answers
 * with the source sentence sharing most words with the question. It is no language model: its figures measure the
 * LLM path's plumbing (prompt, reading free-form replies, verbatim quote check, typed extraction from the quote), not
 * what a model would achieve. Floors a little under the measured values (docs/reviews.md).
 */
@QuarkusTest
class ReviewCellAccuracyTest {

    /**
     * Extractive floors per answer type, a little under the values measured on 2026-12-07 (text 0.40, yes/no 0.79,
     * date 0.92, duration 0.94, number 0.47, party list 1.00, clause 0.45; docs/reviews.md).
     */
    static final Map<AnswerType, Double> EXTRACTIVE_FLOORS = Map.of(AnswerType.DATE, 0.85, AnswerType.NUMBER, 0.4,
            AnswerType.DURATION, 0.85, AnswerType.YES_NO, 0.7, AnswerType.PARTY_LIST, 0.9, AnswerType.CLAUSE, 0.35,
            AnswerType.TEXT, 0.33);
    /**
     * Floors of the scripted-reader LLM path (measured: text 0.87, yes/no 0.89, date 0.33, duration 0.81, number 0.33,
     * party list 1.00, clause 0.09).
     */
    static final Map<AnswerType, Double> SCRIPTED_FLOORS = Map.of(AnswerType.DATE, 0.25, AnswerType.NUMBER, 0.25,
            AnswerType.DURATION, 0.75, AnswerType.YES_NO, 0.8, AnswerType.PARTY_LIST, 0.9, AnswerType.CLAUSE, 0.05,
            AnswerType.TEXT, 0.8);

    private static final ScriptedOpenAiServer SERVER = ReviewCellAnswererTest.startServer();

    @Inject
    ReviewCellAnswerer answerer;
    @Inject
    DocumentRepository documents;

    @Test
    void extractive_cells_reach_their_accuracy_per_answer_type() throws IOException {
        Map<AnswerType, double[]> accuracy = measure("extractive", answerer.withModel(Optional.empty()));
        assertFloors("extractive", accuracy, EXTRACTIVE_FLOORS);
    }

    @Test
    void cells_through_the_llm_path_with_a_scripted_reader_reach_their_accuracy_per_answer_type() throws IOException {
        SERVER.respondWith(new ScriptedReader());
        var model = OpenAiChatModel.builder().baseUrl(SERVER.baseUrl()).apiKey("test-key").modelName("scripted-reader")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).build();
        Map<AnswerType, double[]> accuracy = measure("scripted LLM", answerer.withModel(Optional.of(model)));
        assertFloors("scripted LLM", accuracy, SCRIPTED_FLOORS);
    }

    /** Type → {correct, total}; prints each miss and writes the table to target/review-cells-accuracy.md. */
    private Map<AnswerType, double[]> measure(String mode, ReviewCellAnswerer cells) throws IOException {
        Map<String, Long> ids = LabelledCells.licences();
        Map<String, ReviewColumn> columns = LabelledCells.columns();
        Map<AnswerType, double[]> out = new EnumMap<>(AnswerType.class);
        List<String> misses = new ArrayList<>();
        for (Label label : LabelledCells.labels("licenses")) {
            ReviewColumn column = columns.get(label.column());
            CellAnswer cell = cells.answer(ids.get(label.document()), column);
            assertQuotesAreExactSpans(ids.get(label.document()), cell);
            boolean ok = LabelledCells.correct(label, column.type(), cell);
            double[] c = out.computeIfAbsent(column.type(), t -> new double[2]);
            c[0] += ok ? 1 : 0;
            c[1]++;
            if (!ok) {
                misses.add(label.document() + " / " + label.column() + ": expected " + label.status() + " "
                        + label.normalized() + ", got " + cell.status() + " " + abbreviate(cell.normalized()) + " ("
                        + cell.message() + ")" + cell.quotes().stream().findFirst()
                                .map(q -> " quoting \"" + abbreviate(q.text().replaceAll("\\s+", " ")) + "\"").orElse(""));
            }
        }
        StringBuilder report = new StringBuilder("| " + mode + " | correct | cells | accuracy |\n|---|---|---|---|\n");
        double correct = 0;
        double total = 0;
        for (var e : out.entrySet()) {
            report.append("| %s | %.0f | %.0f | %.2f |%n".formatted(e.getKey().wire(), e.getValue()[0], e.getValue()[1],
                    e.getValue()[0] / e.getValue()[1]));
            correct += e.getValue()[0];
            total += e.getValue()[1];
        }
        report.append("| all | %.0f | %.0f | %.2f |%n".formatted(correct, total, correct / total));
        System.out.println(report + "misses:\n  " + String.join("\n  ", misses));
        Files.writeString(Path.of("target/review-cells-accuracy-" + mode.replace(' ', '-') + ".md"),
                report + "\nMisses:\n\n- " + String.join("\n- ", misses) + "\n");
        return out;
    }

    /** Every quote is characters [start, end) of the document's extracted text, exactly. */
    private void assertQuotesAreExactSpans(long documentId, CellAnswer cell) {
        for (CellQuote q : cell.quotes()) {
            String text = documents.textAround(documentId, q.start(), q.end(), 0).orElseThrow().text();
            assertEquals(q.text(), text, "quote at [" + q.start() + ", " + q.end() + ") of document " + documentId);
        }
    }

    private static void assertFloors(String mode, Map<AnswerType, double[]> accuracy, Map<AnswerType, Double> floors) {
        for (var e : accuracy.entrySet()) {
            double a = e.getValue()[0] / e.getValue()[1];
            assertTrue(a >= floors.get(e.getKey()), mode + " " + e.getKey().wire() + " accuracy " + a + " under "
                    + floors.get(e.getKey()));
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }
}
