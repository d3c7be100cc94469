package io.docqa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.llm.LlmConfig;
import io.docqa.answer.verify.VerifyConfig;
import io.docqa.corpus.StorageConfig;
import io.docqa.ingest.jobs.JobsConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** In the running application, settings given under their old names configure the renamed keys. */
@QuarkusTest
@TestProfile(OldSettingNamesTest.OldNames.class)
class OldSettingNamesTest {

    public static class OldNames implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.jobs.max-attempts", "7", "docqa.verify.min-support", "0.8",
                    "docqa.llm.model", "old-name-model");
        }
    }

    @Inject
    JobsConfig jobs;

    @Inject
    VerifyConfig verify;

    @Inject
    LlmConfig llm;

    @Inject
    StorageConfig storage;

    @Test
    void old_names_configure_the_new_keys() {
        assertEquals(7, jobs.maxAttempts());
        assertEquals(0.8, verify.minSupport());
        assertEquals("old-name-model", llm.model());
        assertEquals("none", llm.provider());
    }

    @Test
    void quarkus_settings_that_refer_to_the_data_directory_follow_it() {
        String uploads = ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class);
        assertEquals(storage.dataDir().resolve("uploads"), Path.of(uploads));
        assertTrue(storage.dataDir().toString().contains("docqa-test-data"), storage.dataDir().toString());
    }
}
