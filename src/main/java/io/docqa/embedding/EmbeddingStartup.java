package io.docqa.embedding;

import io.docqa.embedding.EmbeddingConfig.Provider;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * At start, before any document is embedded: a server provider needs its base URL and model, and the configured
 * model must be the one the stored vectors were made with, unless a re-embedding is asked for
 * ({@link EmbeddingGenerations#prepare}). Any refusal stops the start with a message naming the setting.
 */
@ApplicationScoped
public class EmbeddingStartup {

    private final EmbeddingConfig config;
    private final EmbeddingGenerations generations;
    private final Embedder embedder;
    private volatile Target target;

    /** The configured model (dimensions resolved) and server: what a re-embedding embeds into. */
    public record Target(EmbeddingIdentity identity, String baseUrl) {
    }

    public EmbeddingStartup(EmbeddingConfig config, EmbeddingGenerations generations, Embedder embedder) {
        this.config = config;
        this.generations = generations;
        this.embedder = embedder;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        check();
    }

    /** The active generation after the check. */
    public Generation check() {
        String baseUrl = null;
        if (config.provider() != Provider.ONNX) {
            baseUrl = embedder.requiredBaseUrl();
            if (config.model().isBlank() || isInProcessModel(config.model())) {
                throw new IllegalStateException("DOCQA_EMBEDDING_MODEL (docqa.embedding.model) must name the server's "
                        + "model with DOCQA_EMBEDDING_PROVIDER=" + config.provider().id() + " (it is \"" + config.model()
                        + "\", an in-process model)");
            }
        }
        Integer dims = config.provider() == Provider.ONNX ? null : config.dimensions().stream().boxed().findFirst().orElse(null);
        EmbeddingGenerations.Prepared p = generations.prepare(config.provider(), config.model(), dims, config.storage(),
                baseUrl, config.reembed(), embedder::probeDimensions);
        target = new Target(p.configured(), baseUrl);
        return p.active();
    }

    /** The configured model, as resolved at start. */
    public Target target() {
        Target t = target;
        return t != null ? t : new Target(generations.activeFresh().identity(), null);
    }

    private static boolean isInProcessModel(String model) {
        try {
            EmbeddingModels.byId(model);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
