package io.docqa.answer.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The language model used to write answers ({@code docqa.answer.llm.*}, env {@code DOCQA_ANSWER_LLM_*}). */
@ConfigMapping(prefix = "docqa.answer.llm")
public interface LlmConfig {

    /**
     * {@code none} (extractive answers, the default), {@code openai} (OpenAI or any OpenAI-compatible server:
     * Azure OpenAI, vLLM, llama.cpp server, LM Studio), {@code ollama} or {@code anthropic}.
     */
    @WithDefault("none")
    String provider();

    /**
     * Base URL, e.g. {@code https://api.openai.com/v1}, {@code http://localhost:11434} for Ollama or
     * {@code https://api.anthropic.com/v1/}; the provider's default when unset.
     */
    Optional<String> baseUrl();

    /** API key, when the server needs one. */
    Optional<String> apiKey();

    /** Model name, e.g. {@code gpt-4o-mini}, {@code llama3.1} or {@code claude-sonnet-4-5}. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Sampling temperature; low keeps answers close to the sources. */
    @WithDefault("0.1")
    double temperature();

    /** How long to wait for the model before falling back to an extractive answer. */
    @WithDefault("60s")
    Duration timeout();

    /** Retries for transient failures (blocking calls; a stream is not retried once tokens were shown). */
    @WithDefault("1")
    int maxRetries();

    /**
     * The model's context window in tokens. Sources are dropped from the end of the list (least relevant first)
     * until the prompt fits, estimating four characters per token; Ollama is also told to use this window.
     */
    @WithDefault("8192")
    int maxContextTokens();

    /** Longest answer in tokens. */
    @WithDefault("1024")
    int maxAnswerTokens();

    /** Rewrite follow-up questions into standalone queries with the model (else a heuristic is used). */
    @WithDefault("true")
    boolean rewriteFollowUps();
}
