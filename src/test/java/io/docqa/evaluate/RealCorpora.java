package io.docqa.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The answer-quality set over real public corpora: questions in src/test/resources/eval/real-corpora/&lt;corpus&gt;/
 * golden.jsonl, documents fetched from Debian's packages by {@code scripts/lib.sh ensure_eval_corpora} into
 * target/eval-corpora/&lt;corpus&gt;/ (or {@code $DOCQA_EVAL_CORPORA}).
 */
public final class RealCorpora {

    /** Software licences (legal text), the Bash Reference Manual (a product manual), the Debian FAQ (a FAQ). */
    public static final List<String> CORPORA = List.of("licenses", "bash-manual", "debian-faq");
    static final Path QUESTIONS = Path.of("src/test/resources/eval/real-corpora");

    private RealCorpora() {
    }

    public static Path documents(String corpus) {
        String root = System.getenv("DOCQA_EVAL_CORPORA");
        return Path.of(root == null || root.isBlank() ? "target/eval-corpora" : root).resolve(corpus);
    }

    /** The pipeline a user would choose for the corpus: clauses for legal text, short sections for manuals and FAQs. */
    public static String pipeline(String corpus) {
        return "licenses".equals(corpus) ? "contracts" : "knowledge-base";
    }

    public static Path questions(String corpus) {
        return QUESTIONS.resolve(corpus).resolve("golden.jsonl");
    }

    /** True when every corpus's documents are present. */
    public static boolean available() {
        return CORPORA.stream().allMatch(c -> Files.isDirectory(documents(c)));
    }

    /** A golden-QA dataset directory for the corpus (questions plus its documents), named after the corpus. */
    public static Path dataset(String corpus) throws IOException {
        Path dir = Files.createTempDirectory("docqa-real-").resolve(corpus);
        Files.createDirectories(dir.resolve("documents"));
        Files.copy(questions(corpus), dir.resolve("golden.jsonl"));
        try (Stream<Path> files = Files.list(documents(corpus))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.createSymbolicLink(dir.resolve("documents").resolve(f.getFileName()), f.toAbsolutePath());
            }
        }
        return dir;
    }
}
