package io.docqa.app.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.app.UseCaseException;
import io.docqa.app.UseCaseException.Kind;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.DocumentCollection;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import io.docqa.security.audit.AuditEntry;
import io.docqa.security.audit.AuditLog;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The collection rules REST and the Documents view share: the view used to create a collection with no check of
 * pipeline, weights or language and with the role its session started with; both now come here.
 */
@QuarkusTest
class CollectionServiceTest {

    private static final Caller ADMIN = new Caller(Api.ADMIN, Role.ADMIN);

    @Inject
    CollectionService collections;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Test
    void a_new_collection_needs_a_short_name_a_known_pipeline_usable_weights_and_a_known_language() {
        refused(Kind.INVALID, "needs a name", new NewCollection("   "));
        refused(Kind.INVALID, "at most 200 characters", new NewCollection("n".repeat(201)));
        refused(Kind.INVALID, "no ingestion pipeline", new NewCollection("c", "no-such-pipeline", null, null, null));
        refused(Kind.INVALID, "cannot both be 0", new NewCollection("c", null, 0.0, 0.0, null));
        refused(Kind.INVALID, "between 0 and 100", new NewCollection("c", null, 101.0, null, null));
        refused(Kind.INVALID, "Unknown language \"xx\"", new NewCollection("c", null, null, null, "xx"));

        String name = "Service rules " + System.nanoTime();
        CollectionDetails made = collections.create(ADMIN, new NewCollection(" " + name + " ", "contracts", 0.0, 2.5, "de"));
        DocumentCollection c = made.collection();
        assertEquals(name, c.name());
        assertEquals("contracts", c.pipeline());
        assertEquals(CollectionLanguage.DE, c.language());
        assertEquals(0.0, made.bm25Weight());
        assertEquals(2.5, made.vectorWeight());
        assertEquals(made, collections.get(ADMIN, c.id()), "the repository returns the whole collection");
        refused(Kind.CONFLICT, "already exists", new NewCollection(name));

        CollectionUpdated updated = collections.update(ADMIN, c.id(), new CollectionChange(null, 1.5, null));
        assertEquals(1.5, updated.collection().bm25Weight());
        assertEquals(2.5, updated.collection().vectorWeight(), "a weight not sent is left as it was");
        AuditEntry entry = audit.find(Instant.EPOCH, Instant.now().plusSeconds(60), Api.ADMIN, "UPDATE_COLLECTION", 1).get(0);
        assertEquals(List.of(c.id()), entry.collectionIds());
        assertTrue(entry.detail().contains("\"bm25Weight\": \"1.5\""), "weight changes are audited: " + entry.detail());
    }

    @Test
    void the_role_that_counts_is_the_one_in_the_database_now_not_the_one_the_session_started_with() {
        String name = "demoted" + System.nanoTime();
        users.create(name, "not-a-hash", Role.EDITOR);
        Caller session = new Caller(name, Role.EDITOR);
        CollectionDetails own = collections.create(session, new NewCollection("Own " + name));
        assertTrue(collections.writable(session).contains(own), "an editor's new collection is theirs to fill");

        users.setRole(name, Role.READER);
        UseCaseException demoted = assertThrows(UseCaseException.class,
                () -> collections.create(session, new NewCollection("Later " + name)));
        assertEquals(Kind.FORBIDDEN, demoted.kind());

        users.setRole(name, Role.EDITOR);
        users.setEnabled(name, false);
        UseCaseException disabled = assertThrows(UseCaseException.class,
                () -> collections.update(session, own.collection().id(), new CollectionChange(null, 1.0, null)));
        assertEquals(Kind.FORBIDDEN, disabled.kind());
    }

    private void refused(Kind kind, String message, NewCollection request) {
        UseCaseException e = assertThrows(UseCaseException.class, () -> collections.create(ADMIN, request));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
