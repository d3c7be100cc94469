package io.docqa.app.documents;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An editor cannot fill the server's disk: each collection holds at most so many documents (409 beyond) and so
 * many bytes of originals (413 beyond), and a refused upload stores nothing.
 */
@QuarkusTest
@TestProfile(CollectionQuotaTest.SmallQuota.class)
class CollectionQuotaTest {

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.security.quota.max-documents-per-collection", "3",
                    "docqa.security.quota.max-bytes-per-collection", "5000");
        }
    }

    @Test
    void an_upload_past_the_document_quota_is_refused_with_409_and_stores_nothing() {
        long collection = Api.createCollection("Quota documents " + System.nanoTime());
        Api.upload(collection, "licence-agreement.txt", "injected-memo.txt").then().statusCode(202);
        Api.upload(collection, "supply-contract.pdf").then().statusCode(202);

        Api.upload(collection, "service-agreement.pdf").then().statusCode(409)
                .body("status", equalTo(409))
                .body("message", containsString("quota of 3"));
        assertDocuments(collection, 3);
    }

    @Test
    void an_upload_past_the_byte_quota_is_refused_with_413_and_stores_nothing() {
        long collection = Api.createCollection("Quota bytes " + System.nanoTime());
        Api.upload(collection, "service-agreement.pdf", "supply-contract.pdf").then().statusCode(202); // 4,378 bytes

        Api.upload(collection, "licence-agreement.txt").then().statusCode(413) // 1,110 more
                .body("message", containsString("quota of 5.0 kB"));
        assertDocuments(collection, 2);
    }

    private static void assertDocuments(long collection, int expected) {
        Api.asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(expected));
    }
}
