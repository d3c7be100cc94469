package io.docqa.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's DOCQA_EMBEDDING_* variables, and the start refused when a server provider lacks a setting. */
class EmbeddingSettingsTest {

    private static EmbeddingConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new EnvConfigSource(environment, 300)).withMapping(EmbeddingConfig.class).build();
        return config.getConfigMapping(EmbeddingConfig.class);
    }

    /** The start check up to the database: a refusal happens before the corpus is looked at. */
    private static IllegalStateException refused(Map<String, String> environment) {
        EmbeddingConfig c = config(environment);
        return assertThrows(IllegalStateException.class,
                () -> new EmbeddingStartup(c, null, new Embedder(c, null, null)).check());
    }

    @Test
    void the_environment_variables_configure_an_embedding_server() {
        EmbeddingConfig c = config(Map.of("DOCQA_EMBEDDING_PROVIDER", "openai", "DOCQA_EMBEDDING_BASE_URL",
                "http://tei:8080/v1", "DOCQA_EMBEDDING_API_KEY", "secret", "DOCQA_EMBEDDING_MODEL", "BAAI/bge-m3",
                "DOCQA_EMBEDDING_DIMENSIONS", "1024", "DOCQA_EMBEDDING_STORAGE", "halfvec"));
        assertEquals(Provider.OPENAI, c.provider());
        assertEquals("http://tei:8080/v1", c.baseUrl().orElseThrow());
        assertEquals("secret", c.apiKey().orElseThrow());
        assertEquals("BAAI/bge-m3", c.model());
        assertEquals(1024, c.dimensions().getAsInt());
        assertEquals(Storage.HALFVEC, c.storage());
        assertEquals(Provider.OLLAMA, config(Map.of("DOCQA_EMBEDDING_PROVIDER", "ollama")).provider());
    }

    @Test
    void the_default_is_the_in_process_model_stored_as_vector() {
        EmbeddingConfig c = config(Map.of());
        assertEquals(Provider.ONNX, c.provider());
        assertEquals("bge-small-en-v1.5-q", c.model());
        assertEquals(Storage.VECTOR, c.storage());
    }

    @Test
    void a_server_provider_without_base_url_is_refused_naming_the_setting() {
        IllegalStateException e = refused(Map.of("DOCQA_EMBEDDING_PROVIDER", "openai", "DOCQA_EMBEDDING_MODEL",
                "text-embedding-3-small"));
        assertTrue(e.getMessage().startsWith("DOCQA_EMBEDDING_BASE_URL (docqa.embedding.base-url) is required"), e.getMessage());
    }

    @Test
    void a_server_provider_without_model_is_refused_naming_the_setting() {
        IllegalStateException e = refused(Map.of("DOCQA_EMBEDDING_PROVIDER", "ollama", "DOCQA_EMBEDDING_BASE_URL",
                "http://ollama:11434"));
        assertTrue(e.getMessage().startsWith("DOCQA_EMBEDDING_MODEL (docqa.embedding.model) must name the server's model"),
                e.getMessage());
    }
}
