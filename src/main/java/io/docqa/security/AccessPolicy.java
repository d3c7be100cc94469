package io.docqa.security;

import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.NotFoundException;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read or change which collection. ADMINs may do everything; everybody else only what their collection
 * membership allows (READER: ask, search, read; EDITOR with the global role EDITOR: also upload and delete).
 * A collection or document the caller may not read is reported exactly like one that does not exist (same
 * {@link NotFoundException} and message), so ids cannot be probed. The readable ids this class computes are
 * handed to retrieval, which puts them into the Lucene query and the pgvector SQL.
 */
@ApplicationScoped
public class AccessPolicy {

    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final MembershipRepository memberships;

    public AccessPolicy(CollectionRepository collections, DocumentRepository documents, MembershipRepository memberships) {
        this.collections = collections;
        this.documents = documents;
        this.memberships = memberships;
    }

    /** The collections the caller may read, in the repository's order. */
    public List<DocumentCollection> readableCollections(Caller caller) {
        List<DocumentCollection> all = collections.findAll();
        if (caller.isAdmin()) {
            return all;
        }
        Map<Long, Role> roles = memberships.rolesOf(caller.username());
        return all.stream().filter(c -> roles.containsKey(c.id())).toList();
    }

    /** The collections the caller may upload to and delete from. */
    public List<DocumentCollection> writableCollections(Caller caller) {
        List<DocumentCollection> all = collections.findAll();
        if (caller.isAdmin()) {
            return all;
        }
        if (caller.role() != Role.EDITOR) {
            return List.of();
        }
        Map<Long, Role> roles = memberships.rolesOf(caller.username());
        return all.stream().filter(c -> roles.get(c.id()) == Role.EDITOR).toList();
    }

    public List<Long> readableIds(Caller caller) {
        return readableCollections(caller).stream().map(DocumentCollection::id).toList();
    }

    /** Those of {@code ids} that exist and the caller may read now, in their order; the others are dropped silently. */
    public List<Long> stillReadable(Caller caller, List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        java.util.Set<Long> readable = java.util.Set.copyOf(readableIds(caller));
        return ids.stream().filter(readable::contains).distinct().toList();
    }

    /**
     * The collections a search or question may look into: all readable ones when none are named, otherwise the
     * named ones, each of which must be readable (else 404 as if it did not exist).
     */
    public List<Long> scope(Caller caller, List<Long> requested) {
        if (requested == null || requested.isEmpty()) {
            return readableIds(caller);
        }
        requested.forEach(id -> requireReadable(caller, id));
        return requested.stream().distinct().toList();
    }

    public DocumentCollection requireReadable(Caller caller, long collectionId) {
        Optional<DocumentCollection> found = collections.findById(collectionId);
        if (found.isEmpty() || !mayRead(caller, collectionId)) {
            throw collectionNotFound(collectionId);
        }
        return found.get();
    }

    /** Readable but not writable: 403 (the caller already knows the collection); unreadable: 404. */
    public DocumentCollection requireWritable(Caller caller, long collectionId) {
        DocumentCollection c = requireReadable(caller, collectionId);
        if (!mayWrite(caller, collectionId)) {
            throw new ForbiddenException("You may read this collection but not change it.");
        }
        return c;
    }

    public Document requireReadableDocument(Caller caller, long documentId) {
        Optional<Document> found = documents.findById(documentId);
        if (found.isEmpty() || !mayRead(caller, found.get().collectionId())) {
            throw documentNotFound(documentId);
        }
        return found.get();
    }

    public Document requireWritableDocument(Caller caller, long documentId) {
        Document d = requireReadableDocument(caller, documentId);
        if (!mayWrite(caller, d.collectionId())) {
            throw new ForbiddenException("You may read this document but not change it.");
        }
        return d;
    }

    public boolean mayRead(Caller caller, long collectionId) {
        return caller.isAdmin() || memberships.rolesOf(caller.username()).containsKey(collectionId);
    }

    public boolean mayWrite(Caller caller, long collectionId) {
        return caller.isAdmin() || caller.role() == Role.EDITOR
                && memberships.rolesOf(caller.username()).get(collectionId) == Role.EDITOR;
    }

    /** Same message as {@link CollectionRepository#require}: forbidden and unknown ids must look alike. */
    public static NotFoundException collectionNotFound(long id) {
        return new NotFoundException("No collection with id " + id + ".");
    }

    /** Same message as {@link DocumentRepository#require}. */
    public static NotFoundException documentNotFound(long id) {
        return new NotFoundException("No document with id " + id + ".");
    }
}
