package io.docqa.retrieve.llm;

import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.Optional;

/**
 * The configured chat model as retrieval uses it: provided by whoever builds the model (the answer feature's
 * {@code ChatModelProducer}), so that retrieval does not depend on answering.
 */
public interface RetrievalChatModel {

    /** The configured model with this timeout for each call and no retries; empty when no model is configured. */
    Optional<ChatModel> withTimeout(Duration timeout);

    /** A short description for the log ("openai model gpt-4o-mini"). */
    String describe();
}
