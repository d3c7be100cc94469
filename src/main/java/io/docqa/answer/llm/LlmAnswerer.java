package io.docqa.answer.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Talks to the chat model: one blocking reply, or a streamed reply whose tokens are passed on as they arrive. */
public final class LlmAnswerer {

    private LlmAnswerer() {
    }

    public static String reply(ChatModel model, List<ChatMessage> prompt) {
        String text = model.chat(prompt).aiMessage().text();
        return text == null ? "" : text.strip();
    }

    /**
     * Streams the reply to {@code tokens} and returns the whole text. Fails (for the caller to fall back) when the
     * model reports an error or does not finish within {@code timeout}.
     */
    public static String stream(StreamingChatModel model, List<ChatMessage> prompt, Consumer<String> tokens,
            Duration timeout) {
        CompletableFuture<String> done = new CompletableFuture<>();
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (!done.isDone()) {
                    tokens.accept(partial);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                String text = response.aiMessage() == null ? null : response.aiMessage().text();
                done.complete(text == null ? "" : text.strip());
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new LlmUnavailableException("it timed out", e);
        } catch (ExecutionException e) {
            throw new LlmUnavailableException(e.getCause() == null ? "error" : e.getCause().getClass().getSimpleName(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted", e);
        }
    }

    /** The model could not be reached or did not answer in time. */
    public static final class LlmUnavailableException extends RuntimeException {
        public LlmUnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
