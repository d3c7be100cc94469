package io.docqa.app;

import io.docqa.corpus.NotFoundException;
import java.util.function.Supplier;

/**
 * Domain look-ups in a use case: a collection, document, conversation or run that is not there (or not visible to
 * the caller, which reads the same) becomes a NOT_FOUND refusal with the domain's message, so that every adapter
 * reports it its own way (REST: 404; UI: a notification) instead of failing.
 */
public final class Lookups {

    private Lookups() {
    }

    public static <T> T found(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (NotFoundException e) {
            throw UseCaseException.notFound(e.getMessage());
        }
    }

    public static void found(Runnable action) {
        found(() -> {
            action.run();
            return null;
        });
    }
}
