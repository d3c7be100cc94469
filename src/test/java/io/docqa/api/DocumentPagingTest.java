package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.docqa.testing.Api;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/collections/{id}/documents lists every document, or one page of them with the total in a header. */
@QuarkusTest
class DocumentPagingTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_page_in_upload_order_with_the_total_and_a_default_page_without_paging_parameters() throws SQLException {
        long collection = Api.createCollection("Paged");
        Sql.run(dataSource, "INSERT INTO documents (collection_id, name, size_bytes, sha256, status, progress) SELECT " + collection
                + ", 'file-' || g || '.txt', 1, repeat('d', 64), 'READY', 1 FROM generate_series(1, 5) g");
        try {
            Response all = asAdmin().get("/api/collections/" + collection + "/documents");
            all.then().statusCode(200);
            assertEquals(List.of("file-1.txt", "file-2.txt", "file-3.txt", "file-4.txt", "file-5.txt"),
                    all.jsonPath().getList("name"));
            assertEquals("5", all.header("X-Total-Count"));

            Response page = asAdmin().get("/api/collections/" + collection + "/documents?offset=1&limit=2");
            page.then().statusCode(200);
            assertEquals(List.of("file-2.txt", "file-3.txt"), page.jsonPath().getList("name"));
            assertEquals("5", page.header("X-Total-Count"));
            assertEquals(List.of("file-5.txt"), asAdmin().get("/api/collections/" + collection + "/documents?offset=4")
                    .then().statusCode(200).extract().jsonPath().getList("name"));

            for (String bad : List.of("limit=0", "limit=1001", "offset=-1")) {
                String message = asAdmin().get("/api/collections/" + collection + "/documents?" + bad)
                        .then().statusCode(400).extract().jsonPath().getString("message");
                assertEquals("offset must be 0 or more and limit between 1 and 1000.", message, bad);
            }
        } finally {
            Sql.run(dataSource, "DELETE FROM documents WHERE collection_id = " + collection);
        }
    }

}
