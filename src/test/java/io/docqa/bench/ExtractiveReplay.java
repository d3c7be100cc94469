package io.docqa.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.extractive.ExtractiveAnswerer;
import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.model.Citation;
import io.docqa.bench.RealCorporaBenchmark.Judged;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingConfig;
import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;
import io.docqa.embedding.EmbeddingIdentity;
import io.docqa.embedding.Generation;
import io.docqa.retrieve.core.RetrievedPassage;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-answers, extractively, the questions a {@code RealCorporaBenchmark -Dbench.dump=file} run wrote, from the same
 * passages, and prints citation hit per corpus with every miss: where the evidence was (its rank among the passages
 * given) and which passages the answer cited. Tuning the extractive answer this way takes a minute instead of an
 * ingestion per try. Usage: {@code ExtractiveReplay <dump.jsonl>}; {@code -Dreplay.verbose=false} prints totals only.
 */
public final class ExtractiveReplay {

    private ExtractiveReplay() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        boolean verbose = !"false".equals(System.getProperty("replay.verbose"));
        EmbeddingConfig embedding = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(Map.of("docqa.embedding.cache", "false"), "replay", 300))
                .withMapping(EmbeddingConfig.class).build().getConfigMapping(EmbeddingConfig.class);
        Embedder model = new Embedder(embedding, null, null) {
            @Override
            public Generation activeGeneration() {
                return new Generation(1, new EmbeddingIdentity(Provider.ONNX, "bge-small-en-v1.5-q", 384, Storage.VECTOR),
                        null, Generation.State.ACTIVE, 0, null, null, null, null);
            }
        };
        AnswerConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(AnswerConfig.class)
                .build().getConfigMapping(AnswerConfig.class);
        ExtractiveAnswerer answerer = new ExtractiveAnswerer(model, config);
        Map<String, Map<String, Judged>> judgements = new TreeMap<>();
        Map<String, int[]> tally = new TreeMap<>(); // answerable, cited, quoted, evidence given, first cited, first quoted
        StringBuilder misses = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            JsonNode row = json.readTree(line);
            String corpus = row.path("corpus").asText();
            Judged judged = judgements.computeIfAbsent(corpus, c -> {
                try {
                    return RealCorporaBenchmark.judgements(c);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(row.path("id").asText());
            if (judged == null || judged.docs().isEmpty()) {
                continue; // unanswerable
            }
            List<RetrievedPassage> passages = new ArrayList<>();
            for (JsonNode p : row.path("passages")) {
                passages.add(json.treeToValue(p, RetrievedPassage.class));
            }
            int[] t = tally.computeIfAbsent(corpus, c -> new int[6]);
            t[0]++;
            int evidenceRank = -1;
            for (int i = 0; i < passages.size() && evidenceRank < 0; i++) {
                if (judged.holds(passages.get(i).documentName(), passages.get(i).chunk().text())) {
                    evidenceRank = i;
                }
            }
            t[3] += evidenceRank >= 0 ? 1 : 0;
            if (passages.isEmpty()) {
                misses.append("- ").append(row.path("id").asText()).append(" abstained\n");
                continue;
            }
            Answer a = answerer.answer(row.path("focus").asText(), passages, null);
            boolean cited = false;
            boolean quoted = false;
            for (Citation c : a.citations()) {
                cited |= judged.holds(c.documentName(), c.text());
                quoted |= judged.holds(c.documentName(), c.quote());
            }
            if (!a.citations().isEmpty()) { // the first sentence alone: how well sentences are ranked
                Citation first = a.citations().get(0);
                t[4] += judged.holds(first.documentName(), first.text()) ? 1 : 0;
                t[5] += judged.holds(first.documentName(), first.quote()) ? 1 : 0;
            }
            t[1] += cited ? 1 : 0;
            t[2] += quoted ? 1 : 0;
            if (!cited && verbose) {
                misses.append("- ").append(row.path("id").asText()).append(" evidence at ")
                        .append(evidenceRank < 0 ? "none" : "#" + (evidenceRank + 1)).append(" of ").append(passages.size())
                        .append(": ").append(row.path("question").asText()).append('\n');
                for (Citation c : a.citations()) {
                    int rank = -1;
                    for (int i = 0; i < passages.size(); i++) {
                        rank = passages.get(i).chunk().id() == c.chunkId() && rank < 0 ? i : rank;
                    }
                    misses.append("    cited #").append(rank + 1).append(' ').append(c.headingPath()).append(": ")
                            .append(c.quote().replaceAll("\\s+", " "), 0, Math.min(160, c.quote().replaceAll("\\s+", " ").length())).append('\n');
                }
                if (evidenceRank >= 0) {
                    RetrievedPassage p = passages.get(evidenceRank);
                    String text = p.chunk().text().replaceAll("\\s+", " ");
                    misses.append("    evidence § ").append(p.chunk().headingPath()).append(": ")
                            .append(text, 0, Math.min(200, text.length())).append('\n');
                }
            }
        }
        int[] all = new int[6];
        StringBuilder out = new StringBuilder("| corpus | answerable | citation hit | quote hit | evidence given | first cited | first quoted |\n|---|---:|---:|---:|---:|---:|---:|\n");
        tally.forEach((corpus, t) -> {
            for (int i = 0; i < 6; i++) {
                all[i] += t[i];
            }
            out.append(row(corpus, t));
        });
        out.append(row("**all**", all));
        System.out.println(misses + "\n" + out);
    }

    private static String row(String name, int[] t) {
        return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", name, t[0], (double) t[1] / t[0],
                (double) t[2] / t[0], (double) t[3] / t[0], (double) t[4] / t[0], (double) t[5] / t[0]);
    }
}
