package io.docqa.ingest.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docqa.cli.ApiClient;
import io.docqa.testing.GeneratedTexts;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import io.docqa.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged app processes A and B over one database: kill -9 A while it ingests 100 files, and B, without A ever
 * coming back, takes over A's jobs once their leases run out and finishes every document: none lost, none twice,
 * none FAILED because of the kill, chunk counts as in a clean run.
 */
class LeaseTakeoverIT {

    private static final int FILES = 100;
    private static final Duration LEASE = Duration.ofSeconds(5);
    /** Lease + reaper interval + a worker's poll + the document B is busy with, with room for a loaded CI machine. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(60);
    /** Every word has eight letters, so every generated file has the same length and layout and so the same chunks. */
    private static final String[] WORDS = ("contract invoices payments warranty employee vacation database citation "
            + "schedule delivery disputes renewals auditors policies partners services").split(" ");

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final S3Server s3 = new S3Server();
    private Map<String, String> settings;
    private PackagedServer a;
    private PackagedServer b;
    private Path work;
    private Map<String, String> onA;
    private Map<String, String> onB;

    @BeforeEach
    void setUp() throws Exception {
        settings = new HashMap<>(database.start());
        s3.startServer();
        settings.putAll(s3.settings()); // one object store: B reads the originals that A received
        work = Files.createTempDirectory("docqa-takeover");
        settings.put("docqa.ingest.jobs.lease", LEASE.toString());
        settings.put("docqa.ingest.jobs.reaper-interval", "PT1S");
        settings.put("docqa.ingest.jobs.initial-backoff", "PT0.2S");
        settings.put("docqa.ingest.workers", "2");
        settings.put("docqa.security.rate-limit.exempt-users", "admin"); // the searches run back to back

        onA = new HashMap<>(settings);
        onA.put("docqa.cluster.instance-id", "instance-a");

        onB = new HashMap<>(settings);
        onB.put("docqa.cluster.instance-id", "instance-b");
        Path dataB = Files.createDirectories(work.resolve("data-b"));
        onB.put("docqa.corpus.data-dir", dataB.toString());

        a = new PackagedServer(onA, Path.of("target/lease-takeover-it-a.log"));
        b = new PackagedServer(onB, Path.of("target/lease-takeover-it-b.log"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PackagedServer s : new PackagedServer[] {a, b}) {
            if (s != null) {
                s.stop();
            }
        }
        database.stop();
        s3.close();
    }

    @Test
    void after_kill_minus_9_of_one_instance_the_other_finishes_all_its_documents_once() throws Exception {
        a.start(); // one after the other: the first start migrates the schema and creates the admin
        b.start();
        ApiClient viaA = a.client();
        ApiClient viaB = b.client();
        long collection = viaA.post("/api/collections", Map.of("name", "Takeover")).get("id").asLong();
        List<Path> files = writeTextFiles(FILES);
        Set<Long> ids = upload(viaA, collection, files);
        assertEquals(FILES, ids.size());

        awaitHeldBy("instance-a", 2); // A is in the middle of its work
        a.kill();
        Instant killedAt = now();
        Set<Long> heldByA = idsWhere("status = 'PROCESSING' AND owner = 'instance-a'");
        assertFalse(heldByA.isEmpty(), "A held documents when it was killed");

        Map<Long, JsonNode> finals = new TreeMap<>();
        for (long id : ids) {
            finals.put(id, PackagedServer.awaitFinal(viaB, id));
        }
        Instant allDone = now();

        long reference = viaB.post("/api/collections", Map.of("name", "Clean run")).get("id").asLong();
        long clean = viaB.upload("/api/collections/" + reference + "/documents", List.of(files.get(0)))
                .get("documents").get(0).get("id").asLong();
        int cleanChunks = PackagedServer.awaitFinal(viaB, clean).get("chunks").asInt();
        assertTrue(cleanChunks > 1, "the files are long enough for several chunks");

        for (JsonNode doc : finals.values()) {
            assertEquals("READY", doc.get("status").asText(), () -> "no document fails because of the kill: " + doc);
            assertEquals(cleanChunks, doc.get("chunks").asInt(), () -> "chunks as in a clean run: " + doc);
        }
        for (long id : heldByA) {
            JsonNode doc = finals.get(id);
            assertEquals(2, doc.get("progress").get("attempts").asInt(), () -> "taken over once: " + doc);
            assertEquals("instance-b", doc.get("progress").get("owner").asText());
        }
        Duration reclaim;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT name) FROM documents "
                    + "WHERE collection_id = " + collection)) {
                rs.next();
                assertEquals(FILES, rs.getInt(1), "no document lost or added");
                assertEquals(FILES, rs.getInt(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT d.id FROM documents d WHERE d.chunk_count <> "
                    + "(SELECT count(*) FROM chunks c WHERE c.document_id = d.id)")) {
                assertFalse(rs.next(), "every document's stored chunks match its count: none twice");
            }
            try (ResultSet rs = st.executeQuery("SELECT max(started_at) FROM documents WHERE id = ANY('{"
                    + String.join(",", heldByA.stream().map(String::valueOf).toList()) + "}')")) {
                rs.next();
                reclaim = Duration.between(killedAt, rs.getTimestamp(1).toInstant());
            }
        }
        System.out.printf("LeaseTakeoverIT: %d documents, %d held by A at the kill, re-claimed by B %d ms after the "
                + "kill (lease %s), all done %d ms after the kill%n", FILES, heldByA.size(), reclaim.toMillis(), LEASE,
                Duration.between(killedAt, allDone).toMillis());
        assertTrue(reclaim.compareTo(TAKEOVER_BOUND) < 0, "A's documents were taken over within " + TAKEOVER_BOUND
                + ", not after " + reclaim);
    }

    @Test
    void a_rolling_restart_during_ingestion_and_search_re_runs_no_job_of_a_live_instance() throws Exception {
        a.start();
        b.start();
        ApiClient viaA = a.client();
        long collection = viaA.post("/api/collections", Map.of("name", "Rolling")).get("id").asLong();
        List<Path> files = writeTextFiles(FILES);
        Set<Long> ids = upload(viaA, collection, files);

        AttemptLog attempts = new AttemptLog();
        Searches searches = new Searches(collection);
        Thread sampler = Thread.ofPlatform().daemon().start(attempts);
        Thread searcher = Thread.ofPlatform().daemon().start(searches);
        Map<String, Instant[]> down = new HashMap<>();
        try {
            restart(a, "instance-a", b, "instance-b", searches, down);
            ids.addAll(upload(viaA, collection, writeTextFiles(FILES, 50))); // more work while B restarts
            restart(b, "instance-b", a, "instance-a", searches, down);
        } finally {
            searches.stop = true;
            attempts.stop = true;
            searcher.join();
            sampler.join();
        }
        ApiClient viaB = b.client();
        Map<Long, JsonNode> finals = new TreeMap<>();
        for (long id : ids) {
            finals.put(id, PackagedServer.awaitFinal(viaB, id));
        }

        assertEquals(List.of(), searches.errors, "no search on the live instance failed");
        assertTrue(searches.ok > 0);
        int chunks = finals.values().iterator().next().get("chunks").asInt();
        int rerun = 0;
        for (JsonNode doc : finals.values()) {
            assertEquals("READY", doc.get("status").asText(), () -> "no document fails because of a restart: " + doc);
            assertEquals(chunks, doc.get("chunks").asInt(), () -> "same chunks as every other file: " + doc);
            int n = doc.get("progress").get("attempts").asInt();
            long id = doc.get("id").asLong();
            for (int k = 1; k < n; k++) {
                AttemptLog.Seen earlier = attempts.seen.get(id + "/" + k);
                AttemptLog.Seen next = attempts.seen.get(id + "/" + (k + 1));
                if (earlier == null || next == null) {
                    continue; // an attempt too short to be seen by the sampler
                }
                Instant[] window = down.get(earlier.owner());
                String why = "document " + id + " attempt " + k + " held by " + earlier.owner() + " was re-run at "
                        + next.at() + "; that instance was down " + (window == null ? "never" : window[0] + "–" + window[1]);
                assertTrue(window != null && !next.at().isBefore(window[0]) && !next.at().isAfter(window[1]), why);
                rerun++;
            }
        }
        System.out.printf("LeaseTakeoverIT rolling restart: %d documents, %d re-run after their instance stopped, "
                + "%d searches on the live instance without error%n", ids.size(), rerun, searches.ok);
    }

    @Test
    void a_document_that_outlasts_the_stop_grace_goes_back_to_the_queue_at_a_normal_stop_and_the_other_instance_finishes_it()
            throws Exception {
        // The lease is far longer than the bound below: only the hand-back at the stop, not the reaper, can explain a
        // prompt takeover. The grace is short, so that one long document outlasts it.
        Map<String, String> handBack = Map.of("docqa.ingest.jobs.lease", "PT5M", "docqa.ingest.jobs.stop-grace", "PT1S");
        a = new PackagedServer(with(onA, handBack), fresh("target/lease-takeover-it-hand-back-a.log"));
        b = new PackagedServer(with(onB, handBack), fresh("target/lease-takeover-it-hand-back-b.log"));
        a.start();
        b.start();
        ApiClient viaA = a.client();
        long collection = viaA.post("/api/collections", Map.of("name", "Hand back")).get("id").asLong();
        Path longReport = work.resolve("long-report.txt"); // about 450 KB: hundreds of chunks to parse and embed
        Files.writeString(longReport, GeneratedTexts.text(new Random(7), WORDS, "Annual report", "in the annual report",
                600, 6, 12));
        long id = viaA.upload("/api/collections/" + collection + "/documents", List.of(longReport)).get("documents")
                .get(0).get("id").asLong();

        String holder = awaitProcessing(id);
        boolean aHolds = holder.equals("instance-a");
        PackagedServer stopping = aHolds ? a : b;
        PackagedServer other = aHolds ? b : a;
        String otherId = aHolds ? "instance-b" : "instance-a";
        Instant stoppedAt = now();
        stopping.stop(); // SIGTERM: waits the grace, then hands the document back
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT status, owner, attempts, last_error, error FROM documents WHERE id = " + id)) {
            rs.next();
            String status = rs.getString(1);
            assertTrue(status.equals("QUEUED") || status.equals("PROCESSING") && otherId.equals(rs.getString(2)),
                    "as soon as the stopped instance is gone the document is queued again (or already the other's): "
                            + status + " held by " + rs.getString(2) + " after " + rs.getInt(3) + " attempt(s), error "
                            + rs.getString(5) + ", last error " + rs.getString(4));
            assertEquals("Interrupted by a server stop", rs.getString(4));
        }
        assertTrue(Files.readString(Path.of("target/lease-takeover-it-hand-back-" + (aHolds ? "a" : "b") + ".log"))
                .contains("handed 1 unfinished document(s) back to the queue"));

        JsonNode done = PackagedServer.awaitFinal(other.client(), id);
        assertEquals("READY", done.get("status").asText(), done::toString);
        assertEquals(2, done.get("progress").get("attempts").asInt(), done::toString);
        assertEquals(otherId, done.get("progress").get("owner").asText());
        Duration takeover = Duration.between(stoppedAt, startedAt(id));
        assertTrue(takeover.compareTo(Duration.ofSeconds(60)) < 0,
                "taken over " + takeover + " after the stop, long before the 5-minute lease would have run out");

        long reference = other.client().post("/api/collections", Map.of("name", "Clean run")).get("id").asLong();
        long clean = other.client().upload("/api/collections/" + reference + "/documents", List.of(longReport))
                .get("documents").get(0).get("id").asLong();
        int cleanChunks = PackagedServer.awaitFinal(other.client(), clean).get("chunks").asInt();
        assertTrue(cleanChunks > 100, "a long document: " + cleanChunks + " chunks");
        assertEquals(cleanChunks, done.get("chunks").asInt(), "the chunks of a clean run");
        assertEquals(cleanChunks, database.scalar("SELECT count(*) FROM chunks WHERE document_id = " + id),
                "stored once, not once per attempt");
        System.out.printf("LeaseTakeoverIT hand-back: %d chunks, %s held it at the stop, %s took it over %d ms after the "
                + "stop began (lease 5 min)%n", cleanChunks, holder, otherId, takeover.toMillis());
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(extra);
        return merged;
    }

    private static Path fresh(String log) throws Exception {
        Path path = Path.of(log);
        Files.deleteIfExists(path);
        return path;
    }

    /** Waits until a worker holds the document; returns the holder's instance id. */
    private String awaitProcessing(long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT owner FROM documents WHERE status = 'PROCESSING' AND id = " + id)) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("document " + id + " was never claimed");
    }

    private Instant startedAt(long id) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT started_at FROM documents WHERE id = " + id)) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** Stops {@code stopping} normally and starts it again while {@code other} keeps ingesting and answering searches. */
    private void restart(PackagedServer stopping, String id, PackagedServer other, String otherId, Searches searches,
            Map<String, Instant[]> down) throws Exception {
        awaitHeldBy(otherId, 1);
        searches.live = other.client();
        Instant from = now();
        stopping.stop();
        stopping.start();
        // the stopping instance's jobs are handed back at the stop and re-claimed within a worker's poll
        down.put(id, new Instant[] {from, now().plus(LEASE).plusSeconds(10)});
        searches.live = null;
    }

    /** Every attempt of every document as sampled while it was PROCESSING: who held it, first seen when. */
    private final class AttemptLog implements Runnable {
        record Seen(String owner, Instant at) {
        }

        final Map<String, Seen> seen = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean stop;

        @Override
        public void run() {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                while (!stop) {
                    try (ResultSet rs = st.executeQuery(
                            "SELECT id, attempts, owner, now() FROM documents WHERE status = 'PROCESSING'")) {
                        while (rs.next()) {
                            seen.putIfAbsent(rs.getLong(1) + "/" + rs.getInt(2),
                                    new Seen(rs.getString(3), rs.getTimestamp(4).toInstant()));
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Searches the instance that stays up while the other restarts; every failure is recorded. */
    private static final class Searches implements Runnable {
        final long collection;
        final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile ApiClient live;
        volatile int ok;
        volatile boolean stop;

        Searches(long collection) {
            this.collection = collection;
        }

        @Override
        public void run() {
            while (!stop) {
                ApiClient api = live;
                if (api != null) {
                    try {
                        api.post("/api/search", Map.of("query", "warranty disputes", "collections", List.of(collection),
                                "limit", 5));
                        ok++;
                    } catch (Exception e) {
                        if (api == live) { // not a request that raced with the switch to the other instance
                            errors.add(e.toString());
                        }
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Uploads in requests of 50 files (the most one request takes); returns the document ids. */
    private static Set<Long> upload(ApiClient api, long collection, List<Path> files) throws Exception {
        Set<Long> ids = new TreeSet<>();
        for (int i = 0; i < files.size(); i += 50) {
            api.upload("/api/collections/" + collection + "/documents", files.subList(i, Math.min(files.size(), i + 50)))
                    .get("documents").forEach(d -> ids.add(d.get("id").asLong()));
        }
        return ids;
    }

    private List<Path> writeTextFiles(int n) throws Exception {
        return writeTextFiles(0, n);
    }

    /** Files numbered {@code first} to {@code first + n - 1} (at most 999: three digits keep the length). */
    private List<Path> writeTextFiles(int first, int n) throws Exception {
        Random random = new Random(42 + first);
        List<Path> out = new ArrayList<>();
        for (int f = first; f < first + n; f++) {
            String number = String.format("%03d", f);
            String text = GeneratedTexts.text(random, WORDS, "Report number " + number, "in report " + number, 3, 6, 12);
            Path file = work.resolve("report-" + number + ".txt");
            Files.writeString(file, text);
            out.add(file);
        }
        return out;
    }

    private void awaitHeldBy(String owner, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (idsWhere("status = 'PROCESSING' AND owner = '" + owner + "'").size() >= atLeast) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(owner + " never held " + atLeast + " documents");
    }

    private Set<Long> idsWhere(String condition) throws SQLException {
        return database.ids("SELECT id FROM documents WHERE " + condition);
    }

    private Instant now() throws SQLException { // the database's clock, which also stamps started_at
        return database.now();
    }

    private Connection connect() throws SQLException {
        return database.connect();
    }
}
