package io.docqa.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.evaluate.EvalQuery.RetrievedItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading BEIR and golden-QA dataset directories, and refusing malformed ones with a useful message. */
class DatasetLoaderTest {

    private final DatasetLoader loader = new DatasetLoader();

    @Test
    void beir_corpus_becomes_text_documents_titled_on_their_first_line_and_only_judged_queries_are_kept(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Aspirin and headaches", "text": "Aspirin relieves tension headaches."}
                {"_id": "d2", "title": "", "text": "Unrelated text."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "does aspirin help headaches"}
                {"_id": "q2", "text": "never judged"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        EvalDataset ds = loader.load(dir);
        assertEquals(EvalDataset.Format.BEIR, ds.format());
        assertEquals(2, ds.documents().size());
        assertEquals("d1.txt", ds.documents().get(0).fileName());
        assertEquals("Aspirin and headaches\n\nAspirin relieves tension headaches.", ds.documents().get(0).text());
        assertEquals("Unrelated text.", ds.documents().get(1).text());
        assertEquals(1, ds.queries().size());
        assertEquals(List.of(1), ds.queries().get(0).judgement().gains(List.of(new RetrievedItem("d1", "")), 10));
    }

    @Test
    void shared_scifact_has_the_documented_counts() {
        Path scifact = Path.of("../shared/eval/scifact");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(scifact), "shared/eval is beside the project");
        EvalDataset ds = loader.load(scifact);
        assertEquals(5183, ds.documents().size());
        assertEquals(300, ds.queries().size());
        assertEquals(3, ds.limitQueries(3).queries().size());
    }

    @Test
    void golden_set_names_only_documents_it_ships(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("documents"));
        Files.writeString(dir.resolve("documents/policy.txt"), "Visitors park in lot C.");
        Files.writeString(dir.resolve("golden.jsonl"),
                "{\"question\": \"Where do visitors park?\", \"docs\": [\"policy.txt\"], \"evidence\": [\"lot C\"]}\n");
        EvalDataset ds = loader.load(dir);
        assertEquals(EvalDataset.Format.GOLDEN, ds.format());
        assertEquals(1, ds.queries().size());
        assertEquals("policy.txt", ds.documents().get(0).key());

        Files.writeString(dir.resolve("golden.jsonl"),
                "{\"question\": \"Where?\", \"docs\": [\"missing.pdf\"], \"evidence\": [\"lot C\"]}\n");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> loader.load(dir));
        assertTrue(e.getMessage().contains("missing.pdf"), e.getMessage());
    }

    @Test
    void committed_golden_set_is_well_formed() throws Exception {
        Path dir = GoldenDatasets.fixturesGolden();
        EvalDataset ds = loader.load(dir);
        assertEquals(21, ds.queries().size());
        assertEquals(3, ds.documents().size());
    }

    @Test
    void a_directory_of_no_known_format_is_refused(@TempDir Path dir) {
        assertThrows(InvalidDatasetException.class, () -> loader.load(dir));
        assertThrows(InvalidDatasetException.class, () -> loader.load(dir.resolve("absent")));
    }
}
