package io.docqa.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/** Embeds passages and queries with the configured model, applying its query convention. */
@ApplicationScoped
public class Embedder {

    private static final Logger LOG = Logger.getLogger(Embedder.class);

    private final EmbeddingModels model;
    private volatile EmbeddingModel loaded;

    public Embedder(EmbeddingConfig config) {
        this.model = EmbeddingModels.byId(config.model());
    }

    public EmbeddingModels model() {
        return model;
    }

    /** Passage vectors, one per text, in order. Texts are embedded in one batch (parallel inside the model). */
    public List<float[]> embedPassages(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return delegate().embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    public float[] embedQuery(String query) {
        return delegate().embed(model.queryPrefix() + query).content().vector();
    }

    /** Vectors for short texts compared with each other (no query instruction). */
    public List<float[]> embedSentences(List<String> sentences) {
        return embedPassages(sentences);
    }

    private EmbeddingModel delegate() {
        EmbeddingModel m = loaded;
        if (m == null) {
            synchronized (this) {
                if (loaded == null) {
                    long t0 = System.nanoTime();
                    loaded = model.load();
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
