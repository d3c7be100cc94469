package io.docqa.app.users;

import io.docqa.app.Callers;
import io.docqa.app.Lookups;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository.Member;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Who may read (READER) or edit (EDITOR) a collection: administrators grant and revoke, REST and UI alike. */
@ApplicationScoped
public class MembershipService {

    private final CollectionRepository collections;
    private final MembershipRepository members;
    private final Callers callers;
    private final AuditLog audit;

    public MembershipService(CollectionRepository collections, MembershipRepository members, Callers callers,
            AuditLog audit) {
        this.collections = collections;
        this.members = members;
        this.callers = callers;
        this.audit = audit;
    }

    /** Every collection, to pick the one whose members to manage. */
    public List<DocumentCollection> collections(Caller claimed) {
        callers.requireRole(claimed, Role.ADMIN);
        return collections.findAll();
    }

    public List<Member> members(Caller claimed, long collectionId) {
        callers.requireRole(claimed, Role.ADMIN);
        requireCollection(collectionId);
        return members.membersOf(collectionId);
    }

    /** Grants or changes a membership; {@code role} is EDITOR or READER (any case). */
    public void grant(Caller claimed, long collectionId, String username, String role) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        requireCollection(collectionId);
        Role r = parse(role);
        if (r == null || r == Role.ADMIN) {
            throw UseCaseException.invalid("Send {\"role\": \"EDITOR\"} or {\"role\": \"READER\"}.");
        }
        if (!members.grant(collectionId, username, r, caller.username())) {
            throw UseCaseException.notFound("No user named \"" + username + "\".");
        }
        audit.record(caller.username(), AuditAction.MEMBER_GRANTED, List.of(collectionId), username, Map.of("role", r.name()));
    }

    public void revoke(Caller claimed, long collectionId, String username) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        requireCollection(collectionId);
        if (!members.revoke(collectionId, username)) {
            throw UseCaseException.notFound("\"" + username + "\" is not a member of collection " + collectionId + ".");
        }
        audit.record(caller.username(), AuditAction.MEMBER_REVOKED, List.of(collectionId), username, Map.of());
    }

    private void requireCollection(long collectionId) {
        Lookups.found(() -> collections.require(collectionId));
    }

    private static Role parse(String role) {
        try {
            return role == null ? null : Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
