package io.docqa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.answer.llm.LlmConfig;
import io.docqa.corpus.StorageConfig;
import io.docqa.ingest.jobs.JobsConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators' old names (environment variables and properties) still configure the renamed settings. */
class RenamedSettingsTest {

    private static SmallRyeConfig config(Map<String, String> environment, Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withInterceptorFactories(new RenamedSettings())
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "60s" besides ISO-8601
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withMapping(JobsConfig.class).withMapping(LlmConfig.class).withMapping(StorageConfig.class)
                .build();
    }

    @Test
    void old_environment_variables_configure_the_new_keys() {
        SmallRyeConfig config = config(Map.of("DOCQA_JOBS_MAX_ATTEMPTS", "7", "DOCQA_LLM_PROVIDER", "ollama",
                "DOCQA_DATA_DIR", "/srv/docqa"), Map.of());
        assertEquals(7, config.getConfigMapping(JobsConfig.class).maxAttempts());
        assertEquals("ollama", config.getConfigMapping(LlmConfig.class).provider());
        assertEquals(Path.of("/srv/docqa"), config.getConfigMapping(StorageConfig.class).dataDir());
        assertEquals("ollama", config.getValue("docqa.answer.llm.provider", String.class));
    }

    @Test
    void old_property_names_and_their_profile_variants_count_too() {
        SmallRyeConfig config = config(Map.of(), Map.of("docqa.jobs.initial-backoff", "PT3S",
                "%prod.docqa.jobs.max-backoff", "PT1M", "docqa.llm.model", "llama3.1"));
        JobsConfig jobs = config.getConfigMapping(JobsConfig.class);
        assertEquals(Duration.ofSeconds(3), jobs.initialBackoff());
        assertEquals(Duration.ofMinutes(1), jobs.maxBackoff());
        assertEquals("llama3.1", config.getConfigMapping(LlmConfig.class).model());
    }

    @Test
    void new_names_work_and_unset_settings_keep_their_defaults() {
        SmallRyeConfig config = config(Map.of("DOCQA_ANSWER_LLM_PROVIDER", "openai"),
                Map.of("docqa.ingest.jobs.max-attempts", "2"));
        assertEquals("openai", config.getConfigMapping(LlmConfig.class).provider());
        assertEquals(2, config.getConfigMapping(JobsConfig.class).maxAttempts());
        assertEquals(Path.of("data"), config.getConfigMapping(StorageConfig.class).dataDir());
        assertEquals(Duration.ofSeconds(2), config.getConfigMapping(JobsConfig.class).initialBackoff());
    }

    @Test
    void when_both_names_are_set_the_higher_source_wins() {
        SmallRyeConfig config = config(Map.of("DOCQA_LLM_PROVIDER", "ollama"),
                Map.of("docqa.answer.llm.provider", "openai", "docqa.jobs.max-attempts", "9",
                        "docqa.ingest.jobs.max-attempts", "3"));
        assertEquals("ollama", config.getConfigMapping(LlmConfig.class).provider());
        assertEquals(3, config.getConfigMapping(JobsConfig.class).maxAttempts());
    }

    @Test
    void an_expression_over_the_new_name_sees_the_old_one() {
        SmallRyeConfig config = config(Map.of("DOCQA_DATA_DIR", "/srv/docqa"),
                Map.of("uploads", "${docqa.corpus.data-dir}/uploads"));
        assertEquals("/srv/docqa/uploads", config.getValue("uploads", String.class));
    }

    @Test
    void an_expression_over_an_unset_setting_sees_its_default() {
        SmallRyeConfig config = config(Map.of(), Map.of("uploads", "${docqa.corpus.data-dir}/uploads"));
        assertEquals("data/uploads", config.getValue("uploads", String.class));
    }
}
