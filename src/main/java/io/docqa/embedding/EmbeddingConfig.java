package io.docqa.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/** Which in-process embedding model DocQA uses. */
@ConfigMapping(prefix = "docqa.embedding")
public interface EmbeddingConfig {

    /**
     * The in-process ONNX model: {@code bge-small-en-v1.5-q} (default; reads up to 512 tokens, best retrieval
     * quality measured), {@code all-minilm-l6-v2-q} (about 4x faster, reads only 128 tokens) or
     * {@code e5-small-v2-q} (reads 512 tokens; "query: " and "passage: " prefixes). Changing it requires
     * re-ingesting documents.
     */
    @WithDefault("bge-small-en-v1.5-q")
    String model();

    /** Texts embedded at the same time, one thread each; defaults to the number of cores. */
    OptionalInt threads();
    /**
     * Whether passage vectors are looked up in (and added to) the PostgreSQL embedding cache before the model runs,
     * so that text embedded once (another collection, a re-upload, a reindex) costs no model call.
     */
    @WithDefault("true")
    boolean cache();

    /**
     * Upper bound of the embedding cache (vectors of all models together, about 1.6 KB each with a 384-dimension
     * model). Checked every hour and at start; when it holds more, the oldest entries are removed.
     */
    @WithDefault("1000000")
    long cacheMaxEntries();
}
