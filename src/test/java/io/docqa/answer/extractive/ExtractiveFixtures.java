package io.docqa.answer.extractive;

import io.docqa.answer.model.AnswerConfig;
import io.docqa.corpus.Chunk;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingConfig;
import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;
import io.docqa.embedding.EmbeddingIdentity;
import io.docqa.embedding.Generation;
import io.docqa.retrieve.core.RetrievedPassage;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** What the extractive answer tests share: the in-jar model without a database, answer settings, passages. */
final class ExtractiveFixtures {

    /** The defaults (the in-jar bge-small model) with one thread and no cache. */
    static final EmbeddingConfig EMBEDDING = new SmallRyeConfigBuilder().addDefaultInterceptors()
            .withSources(new PropertiesConfigSource(Map.of("docqa.embedding.threads", "1", "docqa.embedding.cache",
                    "false"), "test", 300))
            .withMapping(EmbeddingConfig.class).build().getConfigMapping(EmbeddingConfig.class);

    /** The in-jar model without a database: its generation is the one a fresh start would create. */
    static final Embedder IN_JAR_MODEL = new Embedder(EMBEDDING, null, null) {
        @Override
        public Generation activeGeneration() {
            return new Generation(1, new EmbeddingIdentity(Provider.ONNX, "bge-small-en-v1.5-q", 384, Storage.VECTOR),
                    null, Generation.State.ACTIVE, 0, null, null, null, null);
        }
    };

    private ExtractiveFixtures() {
    }

    /**
     * The answer settings' defaults, but the cosine 0.65 these tests were written with, over six sources, at most N
     * sentences.
     */
    static AnswerConfig answers(int maxSentences) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(Map.of("docqa.answer.max-sentences", String.valueOf(maxSentences),
                        "docqa.answer.min-similarity", "0.65"), "test", 300))
                .withMapping(AnswerConfig.class).build().getConfigMapping(AnswerConfig.class);
    }

    /** A passage of {@code file} ranked {@code id}-th, its chunk the whole text under {@code heading}. */
    static RetrievedPassage passage(String file, long id, String heading, String text) {
        return new RetrievedPassage(new Chunk(id, id, 1, 0, text, heading, null, null, 0, text.length()), file,
                1.0 / id, (int) id, (int) id, 0.7);
    }
}
