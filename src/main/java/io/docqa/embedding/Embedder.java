package io.docqa.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.corpus.DataAccessException;
import io.docqa.embedding.EmbeddingConfig.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Embeds passages, queries and sentences with the model of an embedding {@link Generation}, applying its text
 * conventions: by default the active generation's (the vectors that are searched), during a re-embedding also the new
 * one's. Models run in process (ONNX) or on an embedding server ({@link ServerEmbeddingModel}). Passage vectors go
 * through the embedding cache: only texts the cache does not hold reach the model.
 */
@ApplicationScoped
public class Embedder {

    private static final Logger LOG = Logger.getLogger(Embedder.class);
    /** In-process model of the vectors of earlier versions, whose model was not recorded (the default back then). */
    private static final EmbeddingModels UNRECORDED = EmbeddingModels.BGE_SMALL_EN_V15_Q;

    /** A query vector and the generation whose vectors it is to be compared with. */
    public record SearchVector(Generation generation, float[] vector) {
    }

    private final EmbeddingConfig config;
    private final EmbeddingGenerations generations;
    private final int threads;
    private final EmbeddingCacheRepository cache;
    private final boolean cacheEnabled;
    private final Semaphore serverRequests;
    private final AtomicLong embeddedTexts = new AtomicLong();
    private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

    public Embedder(EmbeddingConfig config, EmbeddingCacheRepository cache, EmbeddingGenerations generations) {
        this.config = config;
        this.generations = generations;
        this.threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        this.cache = cache;
        this.cacheEnabled = config.cache();
        this.serverRequests = new Semaphore(Math.max(1, config.serverMaxConcurrentRequests()), true);
        if (config.provider() == Provider.ONNX) {
            EmbeddingModels.byId(config.model()); // an unknown model id fails the start, naming the setting
        }
    }

    /** The generation whose vectors are searched and written by ingestion now. */
    public Generation activeGeneration() {
        return generations.active();
    }

    /** How many texts the models have embedded since start (cache hits not counted). */
    public long embeddedTextCount() {
        return embeddedTexts.get();
    }

    /** Passage vectors of the active generation, one per text, in order. */
    public List<float[]> embedPassages(List<String> texts) {
        return embedPassages(activeGeneration(), texts);
    }

    /**
     * Passage vectors of {@code generation}'s model, one per text, in order. Cached vectors are reused; the misses are
     * embedded in one call and stored in the cache.
     */
    public List<float[]> embedPassages(Generation generation, List<String> texts) {
        EmbeddingIdentity identity = generation.identity();
        List<String> embedded = texts.stream().map(t -> conventions(identity).passageText(t)).toList();
        if (!cacheEnabled || embedded.isEmpty()) {
            return embedUncached(generation, embedded);
        }
        String key = identity.cacheKey();
        List<String> hashes = embedded.stream().map(Embedder::sha256).toList();
        Map<String, float[]> known;
        try {
            known = new LinkedHashMap<>(cache.find(key, hashes));
            known.values().removeIf(v -> v.length != identity.dimensions());
        } catch (DataAccessException e) {
            LOG.warnf("Embedding cache unavailable (%s); embedding without it", e.getMessage());
            return embedUncached(generation, embedded);
        }
        Map<String, String> missing = new LinkedHashMap<>(); // hash -> text, each distinct text embedded once
        for (int i = 0; i < embedded.size(); i++) {
            if (!known.containsKey(hashes.get(i))) {
                missing.putIfAbsent(hashes.get(i), embedded.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> vectors = embedUncached(generation, new ArrayList<>(missing.values()));
            Map<String, float[]> fresh = new LinkedHashMap<>();
            int i = 0;
            for (String hash : missing.keySet()) {
                fresh.put(hash, vectors.get(i++));
            }
            known.putAll(fresh);
            try {
                cache.store(key, fresh);
            } catch (DataAccessException e) {
                LOG.warnf("Could not store %d vectors in the embedding cache: %s", fresh.size(), e.getMessage());
            }
        }
        return hashes.stream().map(known::get).toList();
    }

    /** The query's vector for a search of the active generation's vectors. */
    public SearchVector embedSearch(String query) {
        Generation g = activeGeneration();
        return new SearchVector(g, embedQuery(g, query));
    }

    /** A query vector of the active model, for comparisons with {@link #embedSentences}. */
    public float[] embedQuery(String query) {
        return embedQuery(activeGeneration(), query);
    }

    private float[] embedQuery(Generation g, String query) {
        embeddedTexts.incrementAndGet();
        float[] v = model(g).embed(conventions(g.identity()).queryText(query)).content().vector();
        checkDimensions(g, v);
        return v;
    }

    /** Vectors for short texts compared with each other (no retrieval instruction; the model's symmetric form). */
    public List<float[]> embedSentences(List<String> sentences) {
        Generation g = activeGeneration();
        return embedUncached(g, sentences.stream().map(s -> conventions(g.identity()).sentenceText(s)).toList());
    }

    /** Asks the configured server model for one vector and returns its dimension (at start, when not configured). */
    int probeDimensions() {
        String baseUrl = requiredBaseUrl();
        EmbeddingModel probe = new ServerEmbeddingModel(config.provider(), baseUrl, config.apiKey().orElse(null),
                config.model(), null, config, serverRequests);
        try {
            return probe.embed("dimension probe").content().dimension();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not learn the dimension of " + config.model() + " from the embedding "
                    + "server at " + baseUrl + " (" + e.getMessage() + "); start it first, or set DOCQA_EMBEDDING_DIMENSIONS", e);
        }
    }

    /** The configured server's base URL; a server provider without one cannot start. */
    String requiredBaseUrl() {
        return config.baseUrl().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "DOCQA_EMBEDDING_BASE_URL (docqa.embedding.base-url) is required with DOCQA_EMBEDDING_PROVIDER="
                        + config.provider().id()));
    }

    private List<float[]> embedUncached(Generation g, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        embeddedTexts.addAndGet(texts.size());
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<float[]> vectors = model(g).embedAll(segments).content().stream().map(Embedding::vector).toList();
        vectors.forEach(v -> checkDimensions(g, v));
        return vectors;
    }

    private static void checkDimensions(Generation g, float[] v) {
        if (v.length != g.identity().dimensions()) {
            throw new EmbeddingRejectedException(EmbeddingRejectedException.WRONG_DIMENSIONS, "The model " + g.identity().model()
                    + " returned vectors of " + v.length + " dimensions, but its stored vectors have "
                    + g.identity().dimensions() + " (DOCQA_EMBEDDING_DIMENSIONS)", null);
        }
    }

    private static TextConventions conventions(EmbeddingIdentity identity) {
        return identity.provider() == Provider.ONNX ? TextConventions.of(onnxModel(identity)) : TextConventions.NONE;
    }

    private static EmbeddingModels onnxModel(EmbeddingIdentity identity) {
        return identity.model().equals("unrecorded") ? UNRECORDED : EmbeddingModels.byId(identity.model());
    }

    private EmbeddingModel model(Generation g) {
        EmbeddingIdentity id = g.identity();
        String key = id.provider() == Provider.ONNX ? onnxModel(id).id() : id.provider().id() + "|" + g.baseUrl()
                + "|" + id.model() + "|" + id.dimensions();
        return loaded.computeIfAbsent(key, k -> {
            long t0 = System.nanoTime();
            EmbeddingModel m = id.provider() == Provider.ONNX ? onnxModel(id).load(threads)
                    : new ServerEmbeddingModel(id.provider(), g.baseUrl() != null ? g.baseUrl() : requiredBaseUrl(),
                            config.apiKey().orElse(null), id.model(), id.dimensions(), config, serverRequests);
            LOG.infof("Loaded embedding model %s in %d ms", id, (System.nanoTime() - t0) / 1_000_000);
            return m;
        });
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0; // vectors of two models (a switch between the two calls): not comparable
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
