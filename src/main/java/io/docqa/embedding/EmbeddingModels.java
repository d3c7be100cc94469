package io.docqa.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Arrays;

/**
 * The in-process models DocQA ships, with their text conventions: what is put before a query, before a passage
 * and before a sentence compared with other sentences (as each model was trained). All produce 384 dimensions.
 */
public enum EmbeddingModels {
    /** BGE: an instruction before retrieval queries only; passages and sentences as they are. */
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "Represent this sentence for searching relevant passages: ", "", "", 512,
            PoolingMode.CLS),
    /** MiniLM: no prefixes. */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", "", "", 128, PoolingMode.MEAN),
    /** E5: "query: " and "passage: "; symmetric tasks (sentence similarity) use "query: " on both sides. */
    E5_SMALL_V2_Q("e5-small-v2-q", "query: ", "passage: ", "query: ", 512, PoolingMode.MEAN);

    /** Dimension of every supported model, and of the pgvector column. */
    public static final int DIMENSION = 384;

    private final String id;
    private final String queryPrefix;
    private final String passagePrefix;
    private final String sentencePrefix;
    private final int maxTokens;
    private final PoolingMode pooling;

    /** {@code id} is also the base name of the model's ONNX file and tokenizer inside its LangChain4j jar. */
    EmbeddingModels(String id, String queryPrefix, String passagePrefix, String sentencePrefix, int maxTokens,
            PoolingMode pooling) {
        this.id = id;
        this.queryPrefix = queryPrefix;
        this.passagePrefix = passagePrefix;
        this.sentencePrefix = sentencePrefix;
        this.maxTokens = maxTokens;
        this.pooling = pooling;
    }

    public String id() {
        return id;
    }

    public String queryPrefix() {
        return queryPrefix;
    }

    public String passagePrefix() {
        return passagePrefix;
    }

    public String sentencePrefix() {
        return sentencePrefix;
    }

    /** The text embedded for a search query. */
    public String queryText(String query) {
        return queryPrefix + query;
    }

    /** The text embedded for a passage that queries are matched against. */
    public String passageText(String passage) {
        return passagePrefix + passage;
    }

    /** The text embedded for a sentence compared with other sentences (same convention on both sides). */
    public String sentenceText(String sentence) {
        return sentencePrefix + sentence;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The model, embedding texts on as many threads as there are cores. */
    public EmbeddingModel load() {
        return load(Runtime.getRuntime().availableProcessors());
    }

    /** The model, embedding up to {@code threads} texts at once (one thread per inference). */
    public EmbeddingModel load(int threads) {
        return new JarOnnxModel(id, pooling, threads);
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
