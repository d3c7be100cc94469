package io.docqa.retrieve.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The counter {@value #FALLBACKS} ({@code docqa_retrieve_llm_fallbacks_total} in Prometheus), labels {@code step}
 * ({@value #RERANK}, {@value #MULTI_QUERY}, {@value #HYDE}) and {@code reason} ({@code error}, {@code timeout},
 * {@code unreadable}): questions whose retrieval went on without the language model's help because the call failed,
 * timed out or its reply could not be read. Their latency is the {@code rewrite} and {@code rerank} stages of
 * {@code docqa.search.stage}.
 */
@ApplicationScoped
public class LlmRetrievalMetrics {

    public static final String FALLBACKS = "docqa.retrieve.llm.fallbacks";
    public static final String RERANK = "rerank";
    public static final String MULTI_QUERY = "multi-query";
    public static final String HYDE = "hyde";

    private final MeterRegistry registry;

    public LlmRetrievalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void fallback(String step, String reason) {
        Counter.builder(FALLBACKS).description("Retrievals that went on without the language model's step")
                .tag("step", step).tag("reason", reason).register(registry).increment();
    }
}
