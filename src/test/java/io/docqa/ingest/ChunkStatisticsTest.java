package io.docqa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.ChunkStatistics;
import io.docqa.ingest.config.IngestConfig;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** After a bulk ingest the chunks table is analyzed once the queue is empty, so the planner knows the new rows. */
@QuarkusTest
class ChunkStatisticsTest {

    @Inject
    ChunkStatistics statistics;

    @Inject
    IngestConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_chunks_table_is_analyzed_when_the_queue_drains_after_many_new_chunks() throws Exception {
        long before = analyzeCount();
        statistics.added((int) config.analyzeAfterChunks()); // as if a bulk upload had just been stored
        long doc = Api.upload(Api.createCollection("statistics " + System.nanoTime()), "service-agreement.pdf")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(doc).get("status"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (analyzeCount() <= before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(analyzeCount() > before, "the worker analyzed the chunks table once the queue was empty");

        assertTrue(!statistics.analyzeIfStale(config.analyzeAfterChunks()), "nothing new since: no second ANALYZE");
    }

    private long analyzeCount() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'chunks'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
