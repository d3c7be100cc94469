package io.docqa.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Embeds passages, queries and sentences with the configured model, applying its text conventions. Passage vectors
 * go through the embedding cache: only texts the cache does not hold reach the model.
 */
@ApplicationScoped
public class Embedder {

    private static final Logger LOG = Logger.getLogger(Embedder.class);

    private final EmbeddingModels model;
    private final int threads;
    private final EmbeddingCacheRepository cache;
    private final boolean cacheEnabled;
    private final AtomicLong embeddedTexts = new AtomicLong();
    private volatile EmbeddingModel loaded;

    public Embedder(EmbeddingConfig config, EmbeddingCacheRepository cache) {
        this.model = EmbeddingModels.byId(config.model());
        this.threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        this.cache = cache;
        this.cacheEnabled = config.cache();
    }

    public EmbeddingModels model() {
        return model;
    }

    /** How many texts the model has embedded since start (cache hits not counted). */
    public long embeddedTextCount() {
        return embeddedTexts.get();
    }

    /**
     * Passage vectors, one per text, in order. Cached vectors are reused; the misses are embedded in one batch
     * (parallel inside the model) and stored in the cache.
     */
    public List<float[]> embedPassages(List<String> texts) {
        List<String> embedded = texts.stream().map(model::passageText).toList(); // the cache keys the exact text
        if (!cacheEnabled || embedded.isEmpty()) {
            return embedUncached(embedded);
        }
        List<String> hashes = embedded.stream().map(Embedder::sha256).toList();
        Map<String, float[]> known;
        try {
            known = new LinkedHashMap<>(cache.find(model.id(), hashes));
        } catch (DataAccessException e) {
            LOG.warnf("Embedding cache unavailable (%s); embedding without it", e.getMessage());
            return embedUncached(embedded);
        }
        Map<String, String> missing = new LinkedHashMap<>(); // hash -> text, each distinct text embedded once
        for (int i = 0; i < embedded.size(); i++) {
            if (!known.containsKey(hashes.get(i))) {
                missing.putIfAbsent(hashes.get(i), embedded.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> vectors = embedUncached(new ArrayList<>(missing.values()));
            Map<String, float[]> fresh = new LinkedHashMap<>();
            int i = 0;
            for (String hash : missing.keySet()) {
                fresh.put(hash, vectors.get(i++));
            }
            known.putAll(fresh);
            try {
                cache.store(model.id(), fresh);
            } catch (DataAccessException e) {
                LOG.warnf("Could not store %d vectors in the embedding cache: %s", fresh.size(), e.getMessage());
            }
        }
        return hashes.stream().map(known::get).toList();
    }

    public float[] embedQuery(String query) {
        embeddedTexts.incrementAndGet();
        return delegate().embed(model.queryText(query)).content().vector();
    }

    /** Vectors for short texts compared with each other (no retrieval instruction; the model's symmetric form). */
    public List<float[]> embedSentences(List<String> sentences) {
        return embedUncached(sentences.stream().map(model::sentenceText).toList());
    }

    private List<float[]> embedUncached(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        embeddedTexts.addAndGet(texts.size());
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return delegate().embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private EmbeddingModel delegate() {
        EmbeddingModel m = loaded;
        if (m == null) {
            synchronized (this) {
                if (loaded == null) {
                    long t0 = System.nanoTime();
                    loaded = model.load(threads);
                    LOG.infof("Loaded embedding model %s in %d ms", model.id(), (System.nanoTime() - t0) / 1_000_000);
                }
                m = loaded;
            }
        }
        return m;
    }

    public static double cosine(float[] a, float[] b) {
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
