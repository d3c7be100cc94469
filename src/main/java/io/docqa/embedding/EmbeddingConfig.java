package io.docqa.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Which embedding model DocQA uses: in process (ONNX) or on an embedding server. */
@ConfigMapping(prefix = "docqa.embedding")
public interface EmbeddingConfig {

    /** Where passages and queries are embedded. */
    enum Provider {
        /** In process, one of the ONNX models shipped in the application. */
        ONNX,
        /** Any OpenAI-compatible {@code /v1/embeddings} endpoint (OpenAI, Azure, Text Embeddings Inference, vLLM). */
        OPENAI,
        /** Ollama, through its OpenAI-compatible API ({@code /v1} is added to the base URL when missing). */
        OLLAMA;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How vectors are stored in PostgreSQL. */
    enum Storage {
        /** 4 bytes per dimension. */
        VECTOR,
        /** pgvector's half precision: 2 bytes per dimension, half the table and HNSW index. */
        HALFVEC;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code onnx} (in process, default), {@code openai} (any OpenAI-compatible {@code /v1/embeddings} server) or
     * {@code ollama}. Env: {@code DOCQA_EMBEDDING_PROVIDER}.
     */
    @WithDefault("onnx")
    Provider provider();

    /**
     * The model. For {@code onnx}: {@code bge-small-en-v1.5-q} (default; reads up to 512 tokens, best retrieval
     * quality measured), {@code all-minilm-l6-v2-q} (about 4x faster, reads only 128 tokens) or
     * {@code e5-small-v2-q} (reads 512 tokens; "query: " and "passage: " prefixes). For a server provider the
     * server's model name (required), e.g. {@code text-embedding-3-small}. Changing it on a corpus that holds
     * vectors requires a re-embedding ({@code docqa.embedding.reembed}). Env: {@code DOCQA_EMBEDDING_MODEL}.
     */
    @WithDefault("bge-small-en-v1.5-q")
    String model();

    /**
     * Base URL of the embedding server, e.g. {@code https://api.openai.com/v1} or {@code http://tei:8080/v1}; required
     * for a server provider. Env: {@code DOCQA_EMBEDDING_BASE_URL}.
     */
    Optional<String> baseUrl();

    /** API key sent to the embedding server (Bearer), if it needs one. Env: {@code DOCQA_EMBEDDING_API_KEY}. */
    Optional<String> apiKey();

    /**
     * Dimensions of the server model's vectors. Unset: learnt from the server at start (one probe request). Set: sent
     * as the {@code dimensions} request parameter (models that can shorten their vectors, such as OpenAI's
     * text-embedding-3) and checked on every response. Ignored for {@code onnx} (384). Env:
     * {@code DOCQA_EMBEDDING_DIMENSIONS}.
     */
    OptionalInt dimensions();

    /**
     * {@code vector} (default, 4 bytes per dimension) or {@code halfvec} (2 bytes: half the table and HNSW index, for
     * large corpora; see docs/benchmarks.md for the recall measured). Changing it requires a re-embedding.
     */
    @WithDefault("vector")
    Storage storage();

    /** Texts sent to the embedding server in one request. */
    @WithDefault("32")
    int serverBatchSize();

    /** Requests to the embedding server in flight at once, from all workers and searches of this instance. */
    @WithDefault("4")
    int serverMaxConcurrentRequests();

    /**
     * Retries of a request that failed with a server error (5xx), a timeout or a lost connection, with exponential
     * backoff and jitter (LangChain4j's retry policy). A rejected request (4xx) is not retried.
     */
    @WithDefault("3")
    int serverMaxRetries();

    /** Timeout of one request to the embedding server. */
    @WithDefault("PT60S")
    Duration serverTimeout();

    /**
     * When the configured model differs from the one the stored vectors were made with: {@code true} starts the
     * re-embedding of every chunk into the configured model (searches keep using the old vectors until it completes),
     * {@code false} (default) refuses to start. Env: {@code DOCQA_EMBEDDING_REEMBED}.
     */
    @WithDefault("false")
    boolean reembed();

    /** How often an instance looks for re-embedding work (a duration, or {@code off} on instances that must not). */
    @WithDefault("5s")
    String reembedPoll();

    /** Chunks embedded and written per step of a re-embedding (one transaction, progress and lease renewed). */
    @WithDefault("128")
    int reembedBatchSize();

    /** How long a re-embedding holder's lease lasts without renewal; another instance resumes the job after it. */
    @WithDefault("PT2M")
    Duration reembedLease();

    /** How long retired vectors are kept after a switch (searches that began before it finish on them). */
    @WithDefault("PT1M")
    Duration retiredGrace();

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
