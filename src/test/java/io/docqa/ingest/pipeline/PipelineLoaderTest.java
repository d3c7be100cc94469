package io.docqa.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline files: the shipped ones load; mistakes are reported with file, line and field. */
class PipelineLoaderTest {

    private final PipelineLoader loader = new PipelineLoader(new PipelineLoader.Defaults(100L << 20, 1200, 200, "bge-small-en-v1.5-q"));

    @Test
    void the_shipped_pipelines_load_with_their_settings() throws Exception {
        Map<String, PipelineDefinition> all = PipelineRegistry.loadAll(loader, Path.of("ingest-pipelines"));
        assertEquals(List.of("contracts", "default", "knowledge-base"), List.copyOf(all.keySet()));
        PipelineDefinition contracts = all.get("contracts");
        assertEquals("clauses", contracts.chunking().strategy());
        assertEquals(List.of("defined-terms", "cross-references"), contracts.extractors());
        PipelineDefinition def = all.get("default");
        assertEquals(1200, def.chunking().maxChars(), "left out: the server's chunk size");
        assertEquals(100L << 20, def.parser().maxFileBytes(), "left out: the server's size limit");
        assertTrue(def.parser().ocr());
        assertFalse(all.get("knowledge-base").parser().ocr());
        assertEquals(800, all.get("knowledge-base").chunking().maxChars());
    }

    @Test
    void mistakes_name_the_file_the_line_and_the_field() {
        String yaml = """
                description: broken on purpose
                parser:
                  ocr: sometimes
                  languages: [english]
                chunking:
                  strategy: sentences
                  max-chars: 50
                extractors: [defined-terms, summaries]
                colour: blue
                """;
        PipelineException e = assertThrows(PipelineException.class, () -> loader.load("broken", "ingest-pipelines/broken.yaml", yaml));
        List<String> problems = e.problems();
        assertTrue(problems.contains("ingest-pipelines/broken.yaml, line 3, field parser.ocr: must be true or false (found \"sometimes\")"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ingest-pipelines/broken.yaml, line 4, field parser.languages:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ingest-pipelines/broken.yaml, line 6, field chunking.strategy: must be one of [structure, clauses]")), problems.toString());
        assertTrue(problems.contains("ingest-pipelines/broken.yaml, line 7, field chunking.max-chars: must be at least 100 (found 50)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ingest-pipelines/broken.yaml, line 8, field extractors: unknown extractor \"summaries\"")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ingest-pipelines/broken.yaml, line 9, field colour: unknown field")), problems.toString());
        assertTrue(e.getMessage().contains("line 7, field chunking.max-chars"));
    }

    @Test
    void invalid_yaml_names_the_line_of_the_syntax_error() {
        String yaml = "description: fine\nchunking:\n  max-chars: [1200\n";
        PipelineException e = assertThrows(PipelineException.class, () -> loader.load("bad", "bad.yaml", yaml));
        assertTrue(e.problems().get(0).matches("bad\\.yaml, line [34], field \\(syntax\\): not valid YAML.*"), e.problems().toString());
    }

    @Test
    void a_pipeline_cannot_choose_another_embedding_model_than_the_servers() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> loader.load("x", "x.yaml", "description: x\nembedding-model: all-minilm-l6-v2-q\n"));
        assertTrue(e.problems().get(0).startsWith("x.yaml, line 2, field embedding-model: is \"all-minilm-l6-v2-q\""), e.problems().toString());
    }

    @Test
    void an_operator_file_replaces_the_built_in_pipeline_and_an_invalid_one_stops_the_start(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("default.yaml"), "description: operator default\nchunking:\n  max-chars: 900\n");
        Files.writeString(dir.resolve("policies.yaml"), "description: policies\n");
        Map<String, PipelineDefinition> all = PipelineRegistry.loadAll(loader, dir);
        assertEquals(900, all.get("default").chunking().maxChars());
        assertTrue(all.containsKey("policies") && all.containsKey("contracts"));

        Files.writeString(dir.resolve("bad.yaml"), "chunking:\n  overlap-chars: 5000\n");
        PipelineException e = assertThrows(PipelineException.class, () -> PipelineRegistry.loadAll(loader, dir));
        assertTrue(e.getMessage().contains("bad.yaml, line 2, field chunking.overlap-chars"), e.getMessage());
    }
}
