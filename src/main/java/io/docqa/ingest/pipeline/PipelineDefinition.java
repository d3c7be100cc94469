package io.docqa.ingest.pipeline;

import io.docqa.ingest.parse.ParseOptions;
import java.time.Duration;
import java.util.List;

/**
 * One ingestion pipeline, read from {@code ingest-pipelines/<name>.yaml}: how documents of the collections
 * that choose it are parsed, chunked and enriched.
 *
 * @param name the file name without ".yaml"
 * @param description one line shown to administrators
 * @param parser parser options
 * @param chunking chunking strategy and sizes
 * @param extractors extractors that run after chunking ({@link #DEFINED_TERMS}, {@link #CROSS_REFERENCES})
 * @param embeddingModel the embedding model; always the server's model (one index holds one model's vectors)
 * @param source where it was read from, for messages
 */
public record PipelineDefinition(String name, String description, Parser parser, Chunking chunking,
        List<String> extractors, String embeddingModel, String source) {

    /** Name of the pipeline of collections that chose none. */
    public static final String DEFAULT = "default";
    /** Extractor of defined terms into the document's glossary. */
    public static final String DEFINED_TERMS = "defined-terms";
    /** Extractor of cross-references ("Section 12.3", "Exhibit B") into links between chunks. */
    public static final String CROSS_REFERENCES = "cross-references";
    public static final List<String> EXTRACTORS = List.of(DEFINED_TERMS, CROSS_REFERENCES);

    /** Chunk along headings, paragraphs and tables. */
    public static final String STRATEGY_STRUCTURE = "structure";
    /** As structure, and numbered clauses and Article/Section/Schedule/Exhibit lines start their own chunks. */
    public static final String STRATEGY_CLAUSES = "clauses";
    public static final List<String> STRATEGIES = List.of(STRATEGY_STRUCTURE, STRATEGY_CLAUSES);

    public record Parser(boolean ocr, List<String> languages, long maxFileBytes, int timeoutSeconds) {
    }

    public record Chunking(String strategy, int maxChars, int overlapChars) {
    }

    public ParseOptions parseOptions() {
        return new ParseOptions(parser.ocr(), String.join("+", parser.languages()), parser.maxFileBytes(),
                Duration.ofSeconds(parser.timeoutSeconds()));
    }

    public boolean runs(String extractor) {
        return extractors.contains(extractor);
    }
}
