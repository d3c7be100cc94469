package io.docqa.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.evaluate.EvalDataset.Format;
import io.docqa.evaluate.EvalDataset.SourceDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a dataset directory in one of two formats.
 * <ul>
 *   <li>BEIR: {@code corpus.jsonl} ({"_id","title","text"}), {@code queries.jsonl} ({"_id","text"}) and
 *       {@code qrels/test.tsv} (header, then query-id, corpus-id, score). Only queries with judgements are used,
 *       in the order of the qrels file. Each corpus record becomes a text document named {@code <_id>.txt} whose
 *       first line is its title.</li>
 *   <li>Golden-QA: {@code golden.jsonl} with {"question","docs":[file names],"evidence":[verbatim phrases]}, optional
 *       "id", "kind" (one of {@link #KINDS}; a question with no docs and no evidence is {@code unanswerable}) and
 *       "split" ({@code dev} or {@code test}), and the documents themselves in {@code documents/}.</li>
 * </ul>
 */
public final class DatasetLoader {

    static final String BEIR_SUFFIX = ".txt";
    /** Kinds of golden-QA questions; results are reported per kind. */
    public static final List<String> KINDS = List.of("paraphrase", "identifier", EvalQuery.ORDINARY, EvalQuery.UNANSWERABLE);
    public static final List<String> SPLITS = List.of("dev", "test");

    private final ObjectMapper json = new ObjectMapper();

    public EvalDataset load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidDatasetException("No dataset directory at " + dir + ".");
        }
        if (Files.isRegularFile(dir.resolve("corpus.jsonl"))) {
            return loadBeir(dir);
        }
        if (Files.isRegularFile(dir.resolve("golden.jsonl"))) {
            return loadGolden(dir);
        }
        throw new InvalidDatasetException("Dataset " + dir + " has neither corpus.jsonl (BEIR) nor golden.jsonl (golden-QA).");
    }

    private EvalDataset loadBeir(Path dir) {
        List<SourceDocument> docs = new ArrayList<>();
        forEachJsonLine(dir.resolve("corpus.jsonl"), node -> {
            String id = text(node, "_id");
            String title = node.path("title").asText("").strip();
            String body = node.path("text").asText("").strip();
            String content = title.isEmpty() ? body : title + "\n\n" + body;
            docs.add(new SourceDocument(id, id + BEIR_SUFFIX, content, null));
        });
        Map<String, String> queryText = new LinkedHashMap<>();
        forEachJsonLine(dir.resolve("queries.jsonl"), node -> queryText.put(text(node, "_id"), text(node, "text")));
        Path qrels = dir.resolve("qrels").resolve("test.tsv");
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(qrels, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line : (Iterable<String>) lines::iterator) {
                n++;
                if (line.isBlank() || n == 1 && line.startsWith("query-id")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new InvalidDatasetException(qrels + " line " + n + ": expected query-id, corpus-id, score.");
                }
                grades.computeIfAbsent(f[0].strip(), q -> new LinkedHashMap<>()).put(f[1].strip(), Integer.parseInt(f[2].strip()));
            }
        } catch (IOException e) {
            throw new InvalidDatasetException("Cannot read " + qrels, e);
        } catch (NumberFormatException e) {
            throw new InvalidDatasetException(qrels + ": a score is not a whole number.", e);
        }
        List<EvalQuery> queries = new ArrayList<>();
        grades.forEach((qid, g) -> {
            String text = queryText.get(qid);
            if (text == null) {
                throw new InvalidDatasetException(qrels + " judges query " + qid + ", which queries.jsonl does not have.");
            }
            queries.add(new EvalQuery(qid, text, new BeirJudgement(g)));
        });
        return new EvalDataset(dir.getFileName().toString(), Format.BEIR, docs, queries);
    }

    private EvalDataset loadGolden(Path dir) {
        Path documentsDir = dir.resolve("documents");
        if (!Files.isDirectory(documentsDir)) {
            throw new InvalidDatasetException("Golden-QA dataset " + dir + " needs its documents in " + documentsDir + ".");
        }
        List<SourceDocument> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(documentsDir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                String name = f.getFileName().toString();
                docs.add(new SourceDocument(name, name, null, f));
            });
        } catch (IOException e) {
            throw new InvalidDatasetException("Cannot list " + documentsDir, e);
        }
        Set<String> known = new HashSet<>(docs.stream().map(SourceDocument::key).toList());
        List<EvalQuery> queries = new ArrayList<>();
        Path file = dir.resolve("golden.jsonl");
        forEachJsonLine(file, node -> {
            String question = text(node, "question");
            Set<String> named = new LinkedHashSet<>();
            node.path("docs").forEach(d -> named.add(d.asText()));
            List<String> evidence = new ArrayList<>();
            node.path("evidence").forEach(e -> evidence.add(e.asText()));
            String kind = node.path("kind").asText("").strip();
            if (!kind.isEmpty() && !KINDS.contains(kind)) {
                throw new InvalidDatasetException(file + ": question \"" + question + "\" has kind \"" + kind
                        + "\"; use one of " + KINDS + ".");
            }
            boolean unanswerable = EvalQuery.UNANSWERABLE.equals(kind);
            if (unanswerable != named.isEmpty() || named.isEmpty() != evidence.isEmpty()) {
                throw new InvalidDatasetException(file + ": question \"" + question + "\" needs docs and evidence"
                        + " (or neither, with \"kind\": \"unanswerable\").");
            }
            String split = node.path("split").asText("").strip();
            if (!split.isEmpty() && !SPLITS.contains(split)) {
                throw new InvalidDatasetException(file + ": question \"" + question + "\" has split \"" + split
                        + "\"; use dev or test.");
            }
            for (String d : named) {
                if (!known.contains(d)) {
                    throw new InvalidDatasetException(file + ": question \"" + question + "\" names " + d
                            + ", which is not in " + documentsDir + ".");
                }
            }
            String id = node.hasNonNull("id") ? node.get("id").asText() : Integer.toString(queries.size() + 1);
            queries.add(new EvalQuery(id, question, new GoldenJudgement(named, evidence), kind.isEmpty() ? null : kind,
                    split.isEmpty() ? null : split));
        });
        return new EvalDataset(dir.getFileName().toString(), Format.GOLDEN, docs, queries);
    }

    private void forEachJsonLine(Path file, java.util.function.Consumer<JsonNode> action) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException e) {
                    throw new InvalidDatasetException(file + " line " + n + " is not JSON.", e);
                }
                action.accept(node);
            }
        } catch (IOException e) {
            throw new InvalidDatasetException("Cannot read " + file, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new InvalidDatasetException("A line lacks \"" + field + "\": " + node);
        }
        return v.asText();
    }
}
