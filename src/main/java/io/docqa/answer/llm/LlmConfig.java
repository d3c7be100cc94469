package io.docqa.answer.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The language model used to write answers ({@code docqa.llm.*}, env {@code DOCQA_LLM_*}). */
@ConfigMapping(prefix = "docqa.llm")
public interface LlmConfig {

    /** {@code none} (extractive answers, the default), {@code openai} (any OpenAI-compatible server) or {@code ollama}. */
    @WithDefault("none")
    String provider();

    /** Base URL, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434} for Ollama. */
    Optional<String> baseUrl();

    /** API key, when the server needs one. */
    Optional<String> apiKey();

    /** Model name, e.g. {@code gpt-4o-mini} or {@code llama3.1}. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Sampling temperature; low keeps answers close to the sources. */
    @WithDefault("0.1")
    double temperature();

    /** How long to wait for the model before falling back to an extractive answer. */
    @WithDefault("60s")
    Duration timeout();

    /** Retries for transient failures. */
    @WithDefault("1")
    int maxRetries();
}
