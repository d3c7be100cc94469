package io.docqa.app.collections;

import io.docqa.app.Callers;
import io.docqa.app.Lookups;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Access checks of the services, on the caller's <em>current</em> role and memberships: a collection or document
 * the caller may not read is refused as not found (unknown and forbidden ids look alike), one they may read but not
 * change as forbidden. Every check answers with a {@link UseCaseException}, so a view can show it like any refusal.
 */
@ApplicationScoped
public class CollectionAccess {

    private final Callers callers;
    private final AccessPolicy policy;

    public CollectionAccess(Callers callers, AccessPolicy policy) {
        this.callers = callers;
        this.policy = policy;
    }

    /** The caller as the database knows them now. */
    public Caller current(Caller caller) {
        return callers.current(caller);
    }

    /** The current caller, who must be an editor or an administrator. */
    public Caller editor(Caller caller) {
        return callers.requireRole(caller, Role.EDITOR);
    }

    public DocumentCollection readable(Caller current, long collectionId) {
        return refused(() -> policy.requireReadable(current, collectionId));
    }

    public DocumentCollection writable(Caller current, long collectionId) {
        return refused(() -> policy.requireWritable(current, collectionId));
    }

    public Document readableDocument(Caller current, long documentId) {
        return refused(() -> policy.requireReadableDocument(current, documentId));
    }

    public Document writableDocument(Caller current, long documentId) {
        return refused(() -> policy.requireWritableDocument(current, documentId));
    }

    public boolean mayRead(Caller current, long collectionId) {
        return policy.mayRead(current, collectionId);
    }

    public List<DocumentCollection> readableCollections(Caller current) {
        return policy.readableCollections(current);
    }

    public List<DocumentCollection> writableCollections(Caller current) {
        return policy.writableCollections(current);
    }

    public List<Long> readableIds(Caller current) {
        return policy.readableIds(current);
    }

    /** The refusal that says a document does not exist, for checks made after the access check. */
    public static UseCaseException documentNotFound(long documentId) {
        return UseCaseException.notFound(AccessPolicy.documentNotFound(documentId).getMessage());
    }

    private static <T> T refused(Supplier<T> check) {
        try {
            return Lookups.found(check);
        } catch (ForbiddenException e) {
            throw UseCaseException.forbidden(e.getMessage());
        }
    }
}
