package io.docqa.retrieve.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Search latency per stage for the metrics endpoint: one timer {@value #STAGE} ({@code docqa_search_stage_seconds}
 * in Prometheus) with the label {@code stage}: {@code embed} (the query vector), {@code bm25}, {@code vector},
 * {@code fusion}, {@code load} (passages from PostgreSQL), {@code retrieval} (the whole hybrid search),
 * {@code rewrite} and {@code rerank} (the language model's query rewriting and re-ranking, when turned on) and
 * {@code answer} (from the retrieved passages to the verified answer). Buckets from 5 ms to 30 s, so that
 * {@code histogram_quantile} gives percentiles across instances.
 */
@ApplicationScoped
public class SearchMetrics {

    public static final String STAGE = "docqa.search.stage";

    private final Timer embed;
    private final Timer bm25;
    private final Timer vector;
    private final Timer fusion;
    private final Timer load;
    private final Timer retrieval;
    private final Timer answer;
    private final Timer rewrite;
    private final Timer rerank;

    public SearchMetrics(MeterRegistry registry) {
        this.embed = timer(registry, "embed");
        this.bm25 = timer(registry, "bm25");
        this.vector = timer(registry, "vector");
        this.fusion = timer(registry, "fusion");
        this.load = timer(registry, "load");
        this.retrieval = timer(registry, "retrieval");
        this.answer = timer(registry, "answer");
        this.rewrite = timer(registry, "rewrite");
        this.rerank = timer(registry, "rerank");
    }

    /** Records the stages of one hybrid retrieval. */
    public void record(StageTimings t) {
        if (t == null) {
            return;
        }
        record(embed, t.embedMs());
        record(bm25, t.bm25Ms());
        record(vector, t.vectorMs());
        record(fusion, t.fusionMs());
        record(load, t.loadMs());
        record(retrieval, t.totalMs());
    }

    /** Records the language model's stages of one retrieval (those that ran: more than 0 ms). */
    public void recordModelStages(StageTimings t) {
        if (t.rewriteMs() > 0) {
            record(rewrite, t.rewriteMs());
        }
        if (t.rerankMs() > 0) {
            record(rerank, t.rerankMs());
        }
    }

    /** Records the answer stage: {@code nanos} from the retrieved passages to the final answer. */
    public void answer(long nanos) {
        answer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static void record(Timer timer, double ms) {
        if (ms >= 0 && !Double.isNaN(ms)) {
            timer.record(Math.round(ms * 1_000_000), TimeUnit.NANOSECONDS);
        }
    }

    private static Timer timer(MeterRegistry registry, String stage) {
        return Timer.builder(STAGE).description("Search latency per stage").tag("stage", stage)
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30))
                .register(registry);
    }
}
