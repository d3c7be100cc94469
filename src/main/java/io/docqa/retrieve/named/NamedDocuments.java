package io.docqa.retrieve.named;

import io.docqa.corpus.DocumentRepository;
import io.docqa.retrieve.core.AccessScope;
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

    /** The documents of the caller's scope that the question names; only the scope's names are consulted. */
    public Named find(AccessScope scope, String question) {
        if (question == null || question.isBlank() || scope.isEmpty()) {
            return Named.NONE;
        }
        return DocumentMentions.find(question, catalog(scope.collectionIds()));
    }

    private record Cached(DocumentMentions.Catalog catalog, long loadedAtMillis) {
    }

    private final Map<List<Long>, Cached> catalogs = new ConcurrentHashMap<>();

    /** The names of the scope's documents prepared for matching, rebuilt when older than {@link #TTL}. */
    private DocumentMentions.Catalog catalog(List<Long> collectionIds) {
        List<Long> key = collectionIds.stream().sorted().distinct().toList();
        long now = clock.millis();
        Cached c = catalogs.get(key);
        if (c == null || now - c.loadedAtMillis() > TTL.toMillis()) {
            Map<Long, String> all = new HashMap<>();
            for (long id : key) {
                all.putAll(names(id));
                if (all.size() > MAX_DOCUMENTS) {
                    all.clear();
                    break;
                }
            }
            if (catalogs.size() > MAX_SCOPES) {
                catalogs.clear(); // many distinct scopes: start over rather than grow
            }
            c = new Cached(DocumentMentions.catalog(all), now);
            catalogs.put(key, c);
        }
        return c.catalog();
    }

    /** Scopes (sets of collections) whose catalogue is kept. */
    static final int MAX_SCOPES = 1_000;

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
