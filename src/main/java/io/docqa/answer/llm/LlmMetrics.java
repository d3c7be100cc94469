package io.docqa.answer.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Latency and errors of the language model for the metrics endpoint: the timer {@value #REQUESTS}
 * ({@code docqa_llm_request_seconds}, labels {@code mode} = blocking|streaming and {@code outcome} = ok|error) and
 * the counter {@value #ERRORS} ({@code docqa_llm_errors_total}, label {@code mode}): failures and timeouts after
 * which DocQA answered extractively.
 */
@ApplicationScoped
public class LlmMetrics {

    public static final String REQUESTS = "docqa.llm.request";
    public static final String ERRORS = "docqa.llm.errors";

    private final MeterRegistry registry;

    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times one call of the model and counts it as an error when it throws. */
    public String timed(boolean streaming, Supplier<String> call) {
        String mode = streaming ? "streaming" : "blocking";
        long t0 = System.nanoTime();
        try {
            String reply = call.get();
            timer(mode, "ok").record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            return reply;
        } catch (RuntimeException e) {
            timer(mode, "error").record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            Counter.builder(ERRORS).description("Language model calls that failed or timed out").tag("mode", mode)
                    .register(registry).increment();
            throw e;
        }
    }

    private Timer timer(String mode, String outcome) {
        return Timer.builder(REQUESTS).description("Language model calls").tag("mode", mode).tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofSeconds(60), Duration.ofSeconds(120))
                .register(registry);
    }
}
