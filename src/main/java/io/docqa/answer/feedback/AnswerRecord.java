package io.docqa.answer.feedback;

import io.docqa.answer.model.Citation;
import java.time.Instant;
import java.util.List;

/**
 * One answer as DocQA gave it: who asked what, when and through which channel ({@code api}, {@code sse},
 * {@code ui}, {@code mcp}), the answer with its citations, the chunks retrieval returned, the collections asked
 * over, whether it abstained ("not found") and how long it took.
 */
public record AnswerRecord(long id, long askedById, String askedBy, Instant askedAt, String channel, String question,
        String answer,
        String mode, boolean grounded, boolean abstained, List<Citation> citations, List<Long> retrievedChunkIds,
        List<Long> collectionIds, long latencyMs, Long conversationId) {

    public AnswerRecord {
        citations = List.copyOf(citations);
        retrievedChunkIds = List.copyOf(retrievedChunkIds);
        collectionIds = List.copyOf(collectionIds);
    }
}
