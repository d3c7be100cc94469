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
import java.util.concurrent.atomic.AtomicLong;
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
     * model reports an error or stays silent for {@code timeout}: the limit is on inactivity, not on the whole
     * reply, since a long answer that keeps streaming is working.
     */
    public static String stream(StreamingChatModel model, List<ChatMessage> prompt, Consumer<String> tokens,
            Duration timeout) {
        CompletableFuture<String> done = new CompletableFuture<>();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                lastActivity.set(System.nanoTime());
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
            while (true) {
                long idle = System.nanoTime() - lastActivity.get();
                long left = timeout.toNanos() + TimeUnit.SECONDS.toNanos(1) - idle;
                if (left <= 0) {
                    done.cancel(true);
                    throw new LlmUnavailableException("it timed out", null);
                }
                try {
                    return done.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // tokens may have arrived meanwhile: check the idle time again
                }
            }
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
