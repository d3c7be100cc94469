package io.docqa.evaluate;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.AnswerService;
import io.docqa.answer.model.Citation;
import io.docqa.evaluate.AnswerResult.KindScore;
import io.docqa.evaluate.AnswerResult.Miss;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.Retriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Asks every question of a golden-QA dataset through the normal answer path (retrieval, relevance gate, extractive
 * or LLM answer, verification) and scores what a user would see: whether an answer cites a passage holding the
 * evidence, whether it says "not found" when, and only when, the documents do not answer.
 */
@ApplicationScoped
public class AnswerEvaluation {

    /** Misses listed in a result; the counts cover all. */
    static final int MAX_MISSES = 200;

    private final AnswerService answers;
    private final Retriever retriever;
    private final AnswerConfig config;

    public AnswerEvaluation(AnswerService answers, Retriever retriever, AnswerConfig config) {
        this.answers = answers;
        this.retriever = retriever;
        this.config = config;
    }

    private static final class Tally {
        int answerable;
        int unanswerable;
        int cited;
        int quoted;
        int falseAbstentions;
        int grounded;
        int abstentions;

        KindScore score() {
            return new KindScore(answerable + unanswerable, share(cited, answerable), share(falseAbstentions, answerable),
                    share(abstentions, unanswerable));
        }
    }

    /** Answers each query in {@code collectionId}; {@code progress} hears the number done. */
    public AnswerResult evaluate(List<EvalQuery> queries, long collectionId, IntConsumer progress) {
        AccessScope scope = AccessScope.of(List.of(collectionId));
        if (!queries.isEmpty()) { // warm-up outside the measurement
            answers.ask(scope, queries.get(0).text());
        }
        Tally all = new Tally();
        Map<String, Tally> byKind = new TreeMap<>();
        List<Double> latencies = new ArrayList<>();
        List<Miss> misses = new ArrayList<>();
        String mode = answers.usesLlm() ? Answer.LLM : Answer.EXTRACTIVE;
        int done = 0;
        for (EvalQuery q : queries) {
            long t0 = System.nanoTime();
            Answer a = answers.ask(scope, q.text());
            latencies.add((System.nanoTime() - t0) / 1e6);
            Tally kind = byKind.computeIfAbsent(q.kind(), k -> new Tally());
            String outcome = null;
            if (q.answerable() && q.judgement() instanceof GoldenJudgement g) {
                all.answerable++;
                kind.answerable++;
                boolean cited = a.citations().stream().anyMatch(c -> citesEvidence(g, c, false));
                boolean quoted = a.citations().stream().anyMatch(c -> citesEvidence(g, c, true));
                all.cited += cited ? 1 : 0;
                kind.cited += cited ? 1 : 0;
                all.quoted += quoted ? 1 : 0;
                all.grounded += a.grounded() ? 1 : 0;
                if (a.abstained()) {
                    all.falseAbstentions++;
                    kind.falseAbstentions++;
                    outcome = "false-abstention";
                } else if (!cited) {
                    outcome = retrieved(q.text(), scope, g) ? "not-cited" : "not-retrieved";
                }
            } else {
                all.unanswerable++;
                kind.unanswerable++;
                if (a.abstained()) {
                    all.abstentions++;
                    kind.abstentions++;
                } else {
                    outcome = "answered";
                }
            }
            if (outcome != null && misses.size() < MAX_MISSES) {
                misses.add(new Miss(q.id(), q.kind(), outcome, q.text(), a.answer()));
            }
            progress.accept(++done);
        }
        Map<String, KindScore> kinds = new TreeMap<>();
        byKind.forEach((k, t) -> kinds.put(k, t.score()));
        KindScore total = all.score();
        return new AnswerResult(mode, all.answerable, all.unanswerable, total.citationHit(),
                share(all.quoted, all.answerable), total.falseAbstention(), share(all.grounded, all.answerable),
                total.abstention(), round(Metrics.percentile(latencies, 50)), round(Metrics.percentile(latencies, 95)),
                kinds, misses);
    }

    /** Whether the passages the answer step is given (the first {@code sources} retrieved) hold the evidence. */
    private boolean retrieved(String question, AccessScope scope, GoldenJudgement judgement) {
        return retriever.retrieve(scope, new RetrievalQuery(question, config.sources())).passages().stream()
                .anyMatch(p -> judgement.documents().contains(p.documentName()) && judgement.containsEvidence(p.chunk().text()));
    }

    /** A citation into a named document whose passage (or, with {@code quoteOnly}, its quoted words) holds evidence. */
    static boolean citesEvidence(GoldenJudgement judgement, Citation c, boolean quoteOnly) {
        if (!judgement.documents().contains(c.documentName())) {
            return false;
        }
        String text = quoteOnly ? (c.quote() == null ? c.text() : c.quote()) : c.text();
        return text != null && judgement.containsEvidence(text);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
