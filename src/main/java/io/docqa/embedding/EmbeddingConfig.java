package io.docqa.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which in-process embedding model DocQA uses. */
@ConfigMapping(prefix = "docqa.embedding")
public interface EmbeddingConfig {

    /**
     * The in-process ONNX model: {@code bge-small-en-v1.5-q} (default; reads up to 512 tokens, best retrieval
     * quality measured) or {@code all-minilm-l6-v2-q} (about 4x faster, reads only 128 tokens). Changing it
     * requires re-ingesting documents.
     */
    @WithDefault("bge-small-en-v1.5-q")
    String model();
}
