package io.docqa.answer.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docqa.answer.llm.provider selects the LangChain4j client, blocking and streaming (no call is made here). */
class ChatModelProducerTest {

    private static LlmConfig config(String provider) {
        return new LlmConfig() {
            public String provider() { return provider; }
            public Optional<String> baseUrl() { return Optional.of("http://127.0.0.1:9/v1"); }
            public Optional<String> apiKey() { return Optional.of("key"); }
            public String model() { return "m"; }
            public double temperature() { return 0.1; }
            public Duration timeout() { return Duration.ofSeconds(5); }
            public int maxRetries() { return 0; }
            public int maxContextTokens() { return 4096; }
            public int maxAnswerTokens() { return 256; }
            public boolean rewriteFollowUps() { return true; }
        };
    }

    @Test
    void each_provider_gets_its_own_blocking_and_streaming_client() {
        ChatModelProducer openai = new ChatModelProducer(config("openai"));
        assertTrue(openai.model().get() instanceof OpenAiChatModel);
        assertTrue(openai.streamingModel().get() instanceof OpenAiStreamingChatModel);
        ChatModelProducer ollama = new ChatModelProducer(config("Ollama"));
        assertTrue(ollama.model().get() instanceof OllamaChatModel);
        assertTrue(ollama.streamingModel().get() instanceof OllamaStreamingChatModel);
        ChatModelProducer anthropic = new ChatModelProducer(config(" anthropic "));
        assertTrue(anthropic.model().get() instanceof AnthropicChatModel);
        assertTrue(anthropic.streamingModel().get() instanceof AnthropicStreamingChatModel);
    }

    @Test
    void blocking_and_streaming_clients_get_the_same_model_temperature_and_answer_length() {
        for (String provider : new String[] {"openai", "ollama", "anthropic"}) {
            ChatModelProducer producer = new ChatModelProducer(config(provider));
            for (ChatRequestParameters p : new ChatRequestParameters[] {producer.model().get().defaultRequestParameters(),
                    producer.streamingModel().get().defaultRequestParameters()}) {
                assertEquals("m", p.modelName(), provider);
                assertEquals(0.1, p.temperature(), provider);
                assertEquals(256, p.maxOutputTokens(), provider);
            }
        }
    }

    @Test
    void none_means_extractive_and_an_unknown_provider_is_refused_at_start() {
        ChatModelProducer none = new ChatModelProducer(config("none"));
        assertTrue(none.model().isEmpty() && none.streamingModel().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChatModelProducer(config("gemini")));
        assertEquals("Unknown docqa.answer.llm.provider 'gemini'; use none, openai, ollama or anthropic", e.getMessage());
    }
}
