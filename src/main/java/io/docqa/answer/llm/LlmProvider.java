package io.docqa.answer.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The servers DocQA can have answers written by. Each provider turns the settings into its clients once
 * ({@link Client}: URL, key, timeout and the request parameters model, temperature and answer length), and its
 * blocking and streaming clients are both built from that; only blocking calls are retried.
 */
enum LlmProvider {

    OPENAI("https://api.openai.com/v1", "not-needed") {
        @Override
        ChatModel blocking(Client c) {
            return OpenAiChatModel.builder().baseUrl(c.baseUrl()).apiKey(c.apiKey()).timeout(c.timeout())
                    .defaultRequestParameters(c.parameters()).maxRetries(c.maxRetries()).build();
        }

        @Override
        StreamingChatModel streaming(Client c) {
            return OpenAiStreamingChatModel.builder().baseUrl(c.baseUrl()).apiKey(c.apiKey()).timeout(c.timeout())
                    .defaultRequestParameters(c.parameters()).build();
        }
    },

    OLLAMA("http://localhost:11434", "") {
        @Override
        ChatModel blocking(Client c) {
            return OllamaChatModel.builder().baseUrl(c.baseUrl()).timeout(c.timeout())
                    .defaultRequestParameters(c.parameters()).numCtx(c.contextTokens()).maxRetries(c.maxRetries())
                    .build();
        }

        @Override
        StreamingChatModel streaming(Client c) {
            return OllamaStreamingChatModel.builder().baseUrl(c.baseUrl()).timeout(c.timeout())
                    .defaultRequestParameters(c.parameters()).numCtx(c.contextTokens()).build();
        }
    },

    ANTHROPIC("https://api.anthropic.com/v1/", "not-set") {
        @Override
        ChatModel blocking(Client c) {
            return AnthropicChatModel.builder().baseUrl(c.baseUrl()).apiKey(c.apiKey()).timeout(c.timeout())
                    .defaultRequestParameters(c.parameters()).maxRetries(c.maxRetries()).build();
        }

        @Override
        StreamingChatModel streaming(Client c) {
            return AnthropicStreamingChatModel.builder().baseUrl(c.baseUrl()).apiKey(c.apiKey())
                    .timeout(c.timeout()).defaultRequestParameters(c.parameters()).build();
        }
    };

    private final String defaultUrl;
    private final String keyWhenUnset;

    LlmProvider(String defaultUrl, String keyWhenUnset) {
        this.defaultUrl = defaultUrl;
        this.keyWhenUnset = keyWhenUnset;
    }

    abstract ChatModel blocking(Client client);

    abstract StreamingChatModel streaming(Client client);

    /** What both clients of the configured provider are built from. */
    Client client(LlmConfig config) {
        ChatRequestParameters parameters = ChatRequestParameters.builder().modelName(config.model())
                .temperature(config.temperature()).maxOutputTokens(config.maxAnswerTokens()).build();
        return new Client(config, config.baseUrl().orElse(defaultUrl), config.apiKey().orElse(keyWhenUnset),
                parameters, config.timeout(), config.maxRetries());
    }

    /** The provider named by {@code docqa.answer.llm.provider}; empty for {@code none} (extractive answers). */
    static Optional<LlmProvider> named(String provider) {
        String name = provider.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("none")) {
            return Optional.empty();
        }
        for (LlmProvider p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(p);
            }
        }
        throw new IllegalArgumentException("Unknown docqa.answer.llm.provider '" + provider
                + "'; use none, openai, ollama or anthropic");
    }

    /** One provider's client settings. */
    record Client(LlmConfig config, String baseUrl, String apiKey, ChatRequestParameters parameters,
            Duration timeout, int maxRetries) {

        /** The same client with another timeout and no retries (retrieval's short calls, which fall back instead). */
        Client withTimeout(Duration other) {
            return new Client(config, baseUrl, apiKey, parameters, other, 0);
        }

        /** The context window, which Ollama is told (the other servers know their model's). */
        int contextTokens() {
            return config.maxContextTokens();
        }
    }
}
