package io.docqa.ingest.watch;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Files put into the watched folder are ingested into its collection: a new file becomes a document, a changed file
 * its next version, an unchanged file is never ingested twice, and hidden or temporary files are left alone.
 */
@QuarkusTest
@TestProfile(WatchedFolderTest.Watching.class)
class WatchedFolderTest {

    /** A fixed place: the profile and the test run in different class loaders, so a static temp folder would differ. */
    static final Path FOLDER = Path.of("target/watched-folder-test").toAbsolutePath();

    public static class Watching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            emptyFolder();
            return Map.of("docqa.ingest.watch.folder", FOLDER.toString(), "docqa.ingest.watch.interval", "300ms",
                    "docqa.ingest.watch.collection", "Watched contracts", "docqa.ingest.watch.pipeline", "contracts");
        }
    }

    @Test
    void new_files_are_ingested_changed_ones_become_new_versions_and_nothing_is_ingested_twice() throws Exception {
        Files.writeString(FOLDER.resolve("remote-work.txt"), "Remote work policy. Staff may work remotely two days a week.");
        Files.writeString(FOLDER.resolve(".draft.txt"), "A hidden draft that must not be ingested.");
        Files.createDirectories(FOLDER.resolve("sub"));
        Files.writeString(FOLDER.resolve("sub/parking.txt.part"), "A file still being copied.");
        Files.writeString(FOLDER.resolve("sub/parking-rules.txt"), "Parking rules. Visitors park in the east lot.");
        // links out of the folder, to a file and to a folder, are never followed
        Files.createSymbolicLink(FOLDER.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Path outside = Files.createDirectories(FOLDER.resolveSibling("watched-folder-outside"));
        Files.writeString(outside.resolve("secret.txt"), "A secret outside the watched folder.");
        Files.createSymbolicLink(FOLDER.resolve("outside"), outside);
        Files.createSymbolicLink(FOLDER.resolve("sub/secret.txt"), outside.resolve("secret.txt"));

        JsonPath docs = await(d -> d.getList("").size() == 2 && d.getList("status").stream().allMatch("READY"::equals));
        long collection = collectionId();
        assertEquals("contracts", asAdmin().get("/api/collections/" + collection).then().extract().path("pipeline"),
                "the watcher created its collection with the configured pipeline");
        assertEquals(List.of("remote-work.txt", "sub › parking-rules.txt"),
                docs.getList("name", String.class).stream().sorted().toList(), "named as the ingest command names them");
        long first = docs.getLong("find { it.name == 'remote-work.txt' }.id");

        // the same files, unchanged, over several scans: still two documents
        Thread.sleep(1500);
        assertEquals(2, documents().getList("").size(), documents().prettify());

        // new content under the same name: the next version replaces the first
        Files.writeString(FOLDER.resolve("remote-work.txt"), "Remote work policy. Staff may work remotely three days a week.");
        JsonPath after = await(d -> d.getList("").size() == 2 && d.getList("id", Long.class).stream().noneMatch(id -> id == first)
                && d.getList("status").stream().allMatch("READY"::equals));
        long second = after.getLong("find { it.name == 'remote-work.txt' }.id");
        JsonPath detail = asAdmin().get("/api/documents/" + second).then().statusCode(200).extract().jsonPath();
        assertEquals(first, detail.getLong("replacesId"));
        assertEquals(2, detail.getInt("version"));
        List<String> texts = asAdmin().contentType("application/json")
                .body(Map.of("query", "how many days remote", "collections", List.of(collection), "retriever", "bm25"))
                .post("/api/search").then().statusCode(200).extract().jsonPath().getList("results.text");
        assertTrue(texts.stream().anyMatch(t -> t.contains("three days")), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("two days")), "the old version is gone: " + texts);
        assertFalse(documents().getList("name").contains(".draft.txt"));
        assertEquals(List.of("remote-work.txt", "sub › parking-rules.txt"),
                documents().getList("name", String.class).stream().sorted().toList(), "no link was followed");
    }

    private static JsonPath await(Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            if (hasCollection()) {
                last = documents();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the watched folder was not ingested as expected: " + (last == null ? "no collection" : last.prettify()));
    }

    private static boolean hasCollection() {
        return asAdmin().get("/api/collections").then().extract().jsonPath().getList("name").contains("Watched contracts");
    }

    private static long collectionId() {
        List<Map<String, Object>> all = asAdmin().get("/api/collections").then().extract().jsonPath().getList("");
        return all.stream().filter(c -> "Watched contracts".equals(c.get("name")))
                .map(c -> ((Number) c.get("id")).longValue()).findFirst().orElseThrow();
    }

    private static JsonPath documents() {
        return asAdmin().get("/api/collections/" + collectionId() + "/documents").then().statusCode(200).extract().jsonPath();
    }

    private static void emptyFolder() {
        try {
            if (Files.exists(FOLDER)) {
                try (var walk = Files.walk(FOLDER)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
