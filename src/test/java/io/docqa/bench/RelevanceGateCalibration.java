package io.docqa.bench;

import io.docqa.answer.text.Terms;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.ingest.chunk.ChunkDraft;
import io.docqa.ingest.chunk.StructureChunker;
import io.docqa.ingest.parse.TikaDocumentParser;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Calibrates the relevance gate (docqa.answer.min-similarity, min-term-coverage): for questions the committed
 * fixtures answer and questions they do not, prints the best cosine similarity and the best content-word
 * coverage over all chunks, per embedding model. Usage: scripts/bench.sh relevance
 */
public final class RelevanceGateCalibration {

    private RelevanceGateCalibration() {
    }

    static final List<String> ANSWERABLE = List.of(
            "How much notice is needed to terminate the agreement for convenience?",
            "When are invoices payable?",
            "What interest applies to late payments?",
            "Which law governs the agreement?",
            "How many vacation days do full-time employees get?",
            "Can I carry over unused vacation?",
            "How many days a week can employees work remotely?",
            "What is the deadline for submitting travel expenses?",
            "Where can visitors park?",
            "What is the guest wifi called?",
            "What happens to confidential information when the contract ends?",
            "What is the cure period for a material breach?");

    static final List<String> UNANSWERABLE = List.of(
            "What is the boiling point of mercury in Kelvin?",
            "Who won the football world cup in 2014?",
            "What is the capital of Australia?",
            "How do I reset my laptop's BIOS password?",
            "What is the recommended dosage of ibuprofen for children?",
            "Which programming language is best for machine learning?",
            "How tall is Mount Everest?",
            "What is the maternity leave policy?",
            "Does the agreement include a non-compete clause?",
            "What is the company's stock ticker symbol?",
            "How many employees does Globex have?",
            "Is there a cafeteria in the main building?");

    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "src/test/resources/fixtures");
        TikaDocumentParser parser = new TikaDocumentParser(BenchConfig.ingest());
        StructureChunker chunker = new StructureChunker(1200, 200);
        List<String> chunks = new ArrayList<>();
        for (String name : List.of("service-agreement.pdf", "employee-handbook.docx", "notes.html")) {
            chunker.chunk(parser.parse(fixtures.resolve(name), name)).stream().map(ChunkDraft::embeddingText).forEach(chunks::add);
        }
        System.out.printf(Locale.ROOT, "%d chunks from 3 fixtures%n%n", chunks.size());
        System.out.println("| model | question | answerable | best cosine | best word coverage |");
        System.out.println("|---|---|---|---|---|");
        for (EmbeddingModels m : EmbeddingModels.values()) {
            EmbeddingModel model = m.load();
            List<float[]> vectors = model.embedAll(chunks.stream().map(c -> TextSegment.from(m.passageText(c))).toList()).content()
                    .stream().map(e -> e.vector()).toList();
            double minAnswerable = 1;
            double maxUnanswerable = -1;
            for (String q : concat(ANSWERABLE, UNANSWERABLE)) {
                float[] qv = model.embed(m.queryText(q)).content().vector();
                double best = -1;
                double coverage = 0;
                Set<String> wanted = Terms.of(q);
                for (int i = 0; i < chunks.size(); i++) {
                    best = Math.max(best, Embedder.cosine(qv, vectors.get(i)));
                    coverage = Math.max(coverage, Terms.coverage(wanted, Terms.of(chunks.get(i))));
                }
                boolean answerable = ANSWERABLE.contains(q);
                if (answerable) {
                    minAnswerable = Math.min(minAnswerable, best);
                } else {
                    maxUnanswerable = Math.max(maxUnanswerable, best);
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %.2f |%n", m.id(), q, answerable ? "yes" : "no", best, coverage);
            }
            System.out.printf(Locale.ROOT, "| %s | lowest answerable %.3f, highest unanswerable %.3f | | | |%n", m.id(),
                    minAnswerable, maxUnanswerable);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
