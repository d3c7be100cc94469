package io.docqa.ingest.index;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.LuceneStore;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.SegmentInfos;
import org.junit.jupiter.api.Test;

/**
 * Documents stored while ingesting are gathered into one Lucene commit ({@code docqa.ingest.index.commit-delay}), and a search
 * never waits for that delay. A long delay makes both visible: nothing is committed until a search asks for it.
 */
@QuarkusTest
@TestProfile(GroupedLuceneCommitsTest.LongCommitDelay.class)
class GroupedLuceneCommitsTest {

    public static class LongCommitDelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.ingest.index.commit-delay", "PT5M");
        }
    }

    @Inject
    LuceneStore luceneStore;

    @Test
    void documents_stored_within_the_delay_share_one_commit_which_a_search_makes_at_once() throws Exception {
        long collection = Api.createCollection("Grouped commits");
        Path dir = Files.createTempDirectory("grouped");
        RequestSpecification req = asAdmin();
        int files = 12;
        for (int i = 0; i < files; i++) {
            Path f = dir.resolve("bulletin-" + i + ".txt");
            Files.writeString(f, "Bulletin " + i + ". The canteen serves soup number " + (1000 + i) + " on Fridays.");
            req = req.multiPart("file", f.toFile());
        }
        long before = SegmentInfos.getLastCommitGeneration(luceneStore.directory());
        JsonPath upload = req.post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath();
        for (Object id : upload.getList("documents.id")) {
            assertEquals("READY", Api.awaitFinal(((Number) id).longValue()).get("status"));
        }
        assertEquals(before, SegmentInfos.getLastCommitGeneration(luceneStore.directory()),
                "READY documents wait for the commit delay");

        long t0 = System.nanoTime();
        for (int i : new int[] {0, files - 1}) {
            List<String> texts = Api.search("soup number " + (1000 + i), List.of(collection), 3).jsonPath()
                    .getList("results.text");
            assertTrue(!texts.isEmpty() && texts.get(0).contains(Integer.toString(1000 + i)), texts.toString());
        }
        long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waitedMillis < 60_000, "the searches did not wait for the five-minute delay: " + waitedMillis + " ms");
        assertEquals(before + 1, SegmentInfos.getLastCommitGeneration(luceneStore.directory()),
                files + " documents, one Lucene commit");
    }
}
