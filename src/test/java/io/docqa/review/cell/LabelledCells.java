package io.docqa.review.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.evaluate.RealCorpora;
import io.docqa.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The labelled review cells (src/test/resources/eval/review-cells): columns of every answer type and, per licence
 * of the real-corpora set, the expected status, normalised value and the evidence phrase a quote must hold. The
 * licences are ingested once per test JVM through the REST API with the "contracts" pipeline.
 */
final class LabelledCells {

    static final Path DIR = Path.of("src/test/resources/eval/review-cells");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Long> licences;

    /** One labelled cell: {@code normalized} and {@code evidence} are null for "not found". */
    record Label(String document, String column, CellStatus status, String normalized, String evidence) {
    }

    private LabelledCells() {
    }

    static Map<String, ReviewColumn> columns() throws IOException {
        Map<String, ReviewColumn> out = new LinkedHashMap<>();
        for (JsonNode n : lines(DIR.resolve("columns.jsonl"))) {
            AnswerType type = AnswerType.fromWire(n.path("type").asText()).orElseThrow();
            out.put(n.path("key").asText(), new ReviewColumn(n.path("key").asText(), n.path("name").asText(),
                    n.path("question").asText(), type, null));
        }
        return out;
    }

    static List<Label> labels(String corpus) throws IOException {
        List<Label> out = new ArrayList<>();
        for (JsonNode n : lines(DIR.resolve(corpus + ".jsonl"))) {
            out.add(new Label(n.path("document").asText(), n.path("column").asText(),
                    CellStatus.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)),
                    n.hasNonNull("normalized") ? n.get("normalized").asText() : null,
                    n.hasNonNull("evidence") ? n.get("evidence").asText() : null));
        }
        return out;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** Document name → id of the licences, ingested on first use. */
    static synchronized Map<String, Long> licences() throws IOException {
        if (licences != null) {
            return licences;
        }
        Path dir = RealCorpora.documents("licenses");
        assertTrue(Files.isDirectory(dir), "fetch the corpora first: scripts/lib.sh ensure_eval_corpora (test.sh does)");
        long collection = Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Review cells: licences", "pipeline", RealCorpora.pipeline("licenses")))
                .post("/api/collections").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        RequestSpecification upload = Api.asAdmin();
        for (Path f : files) {
            upload = upload.multiPart("file", f.toFile());
        }
        JsonPath uploaded = upload.post("/api/collections/" + collection + "/documents").then().statusCode(202)
                .extract().jsonPath();
        Map<String, Long> ids = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            long id = uploaded.getLong("documents[" + i + "].id");
            assertEquals("READY", Api.awaitFinal(id).get("status"));
            ids.put(uploaded.getString("documents[" + i + "].name"), id);
        }
        licences = Map.copyOf(ids);
        return licences;
    }

    /**
     * Whether a cell answers as labelled: the same status and, when supported, the same normalised value (party
     * lists as sets, ignoring case) — or, for text and clause columns, a quote that holds the evidence phrase
     * (whitespace and case ignored).
     */
    static boolean correct(Label label, AnswerType type, CellAnswer cell) {
        if (cell.status() != label.status()) {
            return false;
        }
        if (label.status() != CellStatus.SUPPORTED) {
            return true;
        }
        return switch (type) {
            case TEXT, CLAUSE -> cell.quotes().stream().anyMatch(q -> squash(q.text()).contains(squash(label.evidence())));
            case PARTY_LIST -> partySet(label.normalized()).equals(partySet(cell.normalized()));
            default -> label.normalized().equals(cell.normalized());
        };
    }

    static String squash(String s) {
        return s.replaceAll("[\\s*]+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> partySet(String joined) {
        return joined == null ? Set.of() : Arrays.stream(joined.split(";")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
