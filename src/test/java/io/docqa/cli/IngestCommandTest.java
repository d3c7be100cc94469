package io.docqa.cli;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ingest} and {@code reindex} commands against the running test server, over REST. */
@QuarkusTest
class IngestCommandTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void ingest_uploads_a_folder_shows_progress_and_exits_non_zero_listing_the_failure() throws Exception {
        Path folder = Files.createTempDirectory("corpus");
        Files.copy(Api.FIXTURES.resolve("service-agreement.pdf"), folder.resolve("service-agreement.pdf"));
        Files.createDirectories(folder.resolve("hr"));
        Files.copy(Api.FIXTURES.resolve("employee-handbook.docx"), folder.resolve("hr/employee-handbook.docx"));
        Files.copy(Api.FIXTURES.resolve("corrupt.pdf"), folder.resolve("hr/corrupt.pdf"));

        Run run = run("ingest", folder.toString(), "--collection", "CLI corpus");
        assertEquals(1, run.code, run.out + run.err);
        assertTrue(run.out.contains("Created collection 'CLI corpus'"), run.out);
        assertTrue(run.out.contains("\r["), "a progress bar redrawn in place: " + run.out);
        assertTrue(run.out.contains("3 files: 2 ready, 1 failed"), run.out);
        assertTrue(run.out.contains("FAILED hr › corrupt.pdf"), run.out);

        long collection = asAdmin().get("/api/collections").jsonPath().getLong("find { it.name == 'CLI corpus' }.id");
        JsonPath docs = asAdmin().get("/api/collections/" + collection + "/documents").jsonPath();
        assertEquals(List.of("service-agreement.pdf", "hr › corrupt.pdf", "hr › employee-handbook.docx").stream().sorted().toList(),
                docs.getList("name", String.class).stream().sorted().toList());

        Run again = run("ingest", folder.toString(), "--collection", "CLI corpus");
        assertTrue(again.out.contains("2 already in the collection"), "same bytes are not ingested twice: " + again.out);

        Run reindex = run("reindex");
        assertEquals(0, reindex.code, reindex.err);
        assertTrue(reindex.out.matches("(?s).*Done: \\d+ documents, \\d+ chunks indexed.*"), reindex.out);
        assertTrue(Api.search("invoices payable", List.of(collection), 5).jsonPath().getList("results").size() > 0,
                "the CLI-ingested contract is found after the rebuild");
    }

    @Test
    void ingest_without_a_collection_explains_its_usage() {
        Run run = run("ingest", "/tmp");
        assertEquals(2, run.code);
        assertTrue(run.err.contains("Usage: ingest <folder> --collection <name>"), run.err);
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.toString(), "--user", Api.ADMIN, "--password", Api.ADMIN_PASSWORD));
        int code = DocqaMain.runCommand(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
