package io.docqa.retrieve.named;

import io.docqa.corpus.DocumentRepository;
import io.docqa.retrieve.named.DocumentMentions.Named;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents a question names within the collections searched ({@link DocumentMentions}). Names of READY
 * documents are read from PostgreSQL per collection and kept for {@link #TTL}: a document uploaded meanwhile is
 * recognised by name a few seconds later, while search itself sees it at once.
 */
@ApplicationScoped
public class NamedDocuments {

    static final Duration TTL = Duration.ofSeconds(10);
    /** Collections with more documents than this are not scanned for names (their names rarely single one out). */
    static final int MAX_DOCUMENTS = 5_000;

    private record Names(Map<Long, String> byId, long loadedAtMillis) {
    }

    private final DocumentRepository documents;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, Names> cache = new ConcurrentHashMap<>();

    public NamedDocuments(DocumentRepository documents) {
        this.documents = documents;
    }

    public Named find(String question, List<Long> collectionIds) {
        if (question == null || question.isBlank() || collectionIds.isEmpty()) {
            return Named.NONE;
        }
        Map<Long, String> all = new HashMap<>();
        for (long id : collectionIds) {
            all.putAll(names(id));
            if (all.size() > MAX_DOCUMENTS) {
                return Named.NONE;
            }
        }
        return DocumentMentions.find(question, all);
    }

    private Map<Long, String> names(long collectionId) {
        long now = clock.millis();
        Names n = cache.get(collectionId);
        if (n == null || now - n.loadedAtMillis() > TTL.toMillis()) {
            n = new Names(documents.readyNames(collectionId, MAX_DOCUMENTS + 1), now);
            cache.put(collectionId, n);
        }
        return n.byId();
    }
}
