package io.docqa.evaluate;

import io.docqa.testing.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Assembles the golden-QA regression dataset (golden.jsonl plus the fixtures it names) in a temp directory. */
public final class GoldenDatasets {

    public static final Path GOLDEN = Path.of("src/test/resources/eval/fixtures-golden/golden.jsonl");
    static final String[] DOCUMENTS = {"service-agreement.pdf", "employee-handbook.docx", "notes.html"};

    private GoldenDatasets() {
    }

    public static Path fixturesGolden() throws IOException {
        Path dir = Files.createTempDirectory("docqa-golden-").resolve("fixtures-golden");
        Files.createDirectories(dir.resolve("documents"));
        Files.copy(GOLDEN, dir.resolve("golden.jsonl"));
        for (String name : DOCUMENTS) {
            Files.copy(Api.FIXTURES.resolve(name), dir.resolve("documents").resolve(name));
        }
        return dir;
    }
}
