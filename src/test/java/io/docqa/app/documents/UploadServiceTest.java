package io.docqa.app.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.app.UseCaseException;
import io.docqa.app.UseCaseException.Kind;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.testing.Api;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upload rules the Documents view now shares with REST: the view sends a drop of files one request per file, and
 * the files of the drop together may not be more than one REST request may hold; a file refused outright is not
 * stored.
 */
@QuarkusTest
class UploadServiceTest {

    private static final Caller ADMIN = new Caller(Api.ADMIN, Role.ADMIN);

    @Inject
    UploadService uploads;

    @Inject
    DocumentService documents;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_drop_sent_one_file_at_a_time_may_not_hold_more_files_than_one_request() throws Exception {
        long collection = Api.createCollection("Drop limit " + System.nanoTime());
        String batch = uploads.newBatch();
        int max = uploads.maxFilesPerRequest();
        // the drop's first files, already received
        Sql.run(dataSource, "INSERT INTO documents (collection_id, name, size_bytes, sha256, status, progress, batch_id) "
                + "SELECT " + collection + ", 'f' || g || '.txt', 1, repeat('d', 64), 'READY', 1, '" + batch + "' "
                + "FROM generate_series(1, " + max + ") g");
        try {
            UseCaseException e = assertThrows(UseCaseException.class, () -> uploads.addToBatch(ADMIN, collection, batch,
                    List.of(new UploadedFile(Api.FIXTURES.resolve("program.pdf"), "one-more.txt"))));
            assertEquals(Kind.TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("at most " + max), e.getMessage());
        } finally {
            Sql.run(dataSource, "DELETE FROM documents WHERE collection_id = " + collection);
        }
    }

    @Test
    void a_single_file_of_a_type_docqa_does_not_read_is_refused_and_nothing_is_stored() {
        long collection = Api.createCollection("Drop refusal " + System.nanoTime());
        UseCaseException e = assertThrows(UseCaseException.class, () -> uploads.addToBatch(ADMIN, collection,
                uploads.newBatch(), List.of(new UploadedFile(Api.FIXTURES.resolve("program.pdf"), "program.pdf"))));
        assertEquals(Kind.UNSUPPORTED_TYPE, e.kind(), e.getMessage());
        assertEquals(0, documents.count(ADMIN, collection));
    }

    @Test
    void a_batch_never_spans_two_collections() {
        long first = Api.createCollection("Batch home " + System.nanoTime());
        long second = Api.createCollection("Batch elsewhere " + System.nanoTime());
        String batch = uploads.newBatch();
        uploads.addToBatch(ADMIN, first, batch,
                List.of(new UploadedFile(Api.FIXTURES.resolve("licence-agreement.txt"), "licence-agreement.txt")));

        UseCaseException e = assertThrows(UseCaseException.class, () -> uploads.addToBatch(ADMIN, second, batch,
                List.of(new UploadedFile(Api.FIXTURES.resolve("injected-memo.txt"), "injected-memo.txt"))));
        assertEquals(Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("another collection"), e.getMessage());
    }
}
