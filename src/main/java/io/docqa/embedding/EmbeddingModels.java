package io.docqa.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.Arrays;
import java.util.function.Supplier;

/** The in-process models DocQA ships, with their text conventions. All produce 384 dimensions. */
public enum EmbeddingModels {
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "Represent this sentence for searching relevant passages: ", 512,
            BgeSmallEnV15QuantizedEmbeddingModel::new),
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", 128, AllMiniLmL6V2QuantizedEmbeddingModel::new);

    /** Dimension of every supported model, and of the pgvector column. */
    public static final int DIMENSION = 384;

    private final String id;
    private final String queryPrefix;
    private final int maxTokens;
    private final Supplier<EmbeddingModel> factory;

    EmbeddingModels(String id, String queryPrefix, int maxTokens, Supplier<EmbeddingModel> factory) {
        this.id = id;
        this.queryPrefix = queryPrefix;
        this.maxTokens = maxTokens;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    public String queryPrefix() {
        return queryPrefix;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public EmbeddingModel load() {
        return factory.get();
    }

    public static EmbeddingModels byId(String id) {
        return Arrays.stream(values())
                .filter(m -> m.id.equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown embedding model '" + id
                        + "' in docqa.embedding.model; choose one of "
                        + Arrays.stream(values()).map(EmbeddingModels::id).toList()));
    }
}
