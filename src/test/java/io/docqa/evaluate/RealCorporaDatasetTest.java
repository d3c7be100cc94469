package io.docqa.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.testing.IngestConfigs;
import io.docqa.ingest.parse.TikaDocumentParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The real-corpora set is what it claims to be: 150+ questions over three corpora, 20 %+ unanswerable, every kind in
 * both halves, and every evidence phrase verbatim in the text DocQA's parser extracts from the named document (so a
 * newer Debian package that changed a text shows here, by question). The loader reads each corpus as golden-QA.
 */
class RealCorporaDatasetTest {

    @Test
    void every_question_is_well_formed_and_every_evidence_phrase_is_in_its_document() throws Exception {
        assertTrue(RealCorpora.available(), "fetch the corpora first: scripts/lib.sh ensure_eval_corpora (test.sh does)");
        ObjectMapper json = new ObjectMapper();
        TikaDocumentParser parser = new TikaDocumentParser(IngestConfigs.of(100L << 20, 20_000_000));
        int questions = 0;
        int unanswerable = 0;
        Set<String> ids = new HashSet<>();
        Map<String, Integer> kindSplits = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String corpus : RealCorpora.CORPORA) {
            Map<String, String> texts = new HashMap<>();
            EvalDataset loaded = new DatasetLoader().load(RealCorpora.dataset(corpus));
            for (String line : Files.readAllLines(RealCorpora.questions(corpus))) {
                JsonNode q = json.readTree(line);
                questions++;
                String id = q.get("id").asText();
                if (!ids.add(id)) {
                    problems.add(id + ": duplicate id");
                }
                kindSplits.merge(q.get("kind").asText() + "/" + q.get("split").asText(), 1, Integer::sum);
                if (q.get("docs").isEmpty()) {
                    unanswerable++;
                    continue;
                }
                for (JsonNode e : q.get("evidence")) {
                    String phrase = GoldenJudgement.normalise(e.asText());
                    boolean found = false;
                    for (JsonNode d : q.get("docs")) {
                        String name = d.asText();
                        String text = texts.computeIfAbsent(name, n -> parse(parser, RealCorpora.documents(corpus).resolve(n)));
                        found |= text.contains(phrase);
                    }
                    if (!found) {
                        problems.add(id + ": evidence not in " + q.get("docs") + ": " + e.asText());
                    }
                }
            }
            assertEquals(Files.readAllLines(RealCorpora.questions(corpus)).size(), loaded.queries().size(), corpus);
        }
        assertEquals(List.of(), problems);
        assertTrue(questions >= 150, "at least 150 questions: " + questions);
        assertTrue(unanswerable >= 0.2 * questions, "at least 20 % unanswerable: " + unanswerable + " of " + questions);
        for (String kind : DatasetLoader.KINDS) {
            for (String split : DatasetLoader.SPLITS) {
                assertTrue(kindSplits.getOrDefault(kind + "/" + split, 0) >= 15, kind + "/" + split + ": " + kindSplits);
            }
        }
    }

    private static String parse(TikaDocumentParser parser, Path file) {
        try {
            return GoldenJudgement.normalise(parser.parse(file, file.getFileName().toString()).text());
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file, e);
        }
    }
}
