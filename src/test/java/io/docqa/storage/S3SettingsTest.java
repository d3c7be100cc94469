package io.docqa.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.config.RenamedSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's environment variables, including the short DOCQA_S3_* names, and the start-up errors they get. */
class S3SettingsTest {

    private static OriginalsStorageConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withInterceptorFactories(new RenamedSettings()).withSources(new EnvConfigSource(environment, 300))
                .withMapping(OriginalsStorageConfig.class).build();
        return config.getConfigMapping(OriginalsStorageConfig.class);
    }

    @Test
    void the_short_docqa_s3_environment_variables_configure_the_store() {
        OriginalsStorageConfig c = config(Map.of("DOCQA_STORAGE_TYPE", "s3", "DOCQA_S3_ENDPOINT", "http://minio:9000",
                "DOCQA_S3_BUCKET", "originals", "DOCQA_S3_REGION", "eu-west-1", "DOCQA_S3_ACCESS_KEY_ID", "key",
                "DOCQA_S3_SECRET_ACCESS_KEY", "secret", "DOCQA_S3_PATH_STYLE", "false"));
        assertEquals(OriginalsStorageConfig.Type.S3, c.type());
        assertEquals("http://minio:9000", c.s3().endpoint().orElseThrow());
        assertEquals("originals", c.s3().bucket().orElseThrow());
        assertEquals("eu-west-1", c.s3().region());
        assertEquals("key", c.s3().accessKeyId().orElseThrow());
        assertEquals("secret", c.s3().secretAccessKey().orElseThrow());
        assertFalse(c.s3().pathStyle());
    }

    @Test
    void the_canonical_names_work_and_the_defaults_are_the_embedded_store() {
        OriginalsStorageConfig defaults = config(Map.of());
        assertEquals(OriginalsStorageConfig.Type.FILESYSTEM, defaults.type());
        assertEquals("us-east-1", defaults.s3().region());
        assertTrue(defaults.s3().pathStyle());
        assertEquals("originals/", defaults.s3().prefix());
        OriginalsStorageConfig c = config(Map.of("DOCQA_STORAGE_S3_BUCKET", "canonical", "DOCQA_S3_BUCKET", "short"));
        assertEquals("canonical", c.s3().bucket().orElseThrow(), "the canonical name wins within one source");
    }

    @Test
    void s3_without_bucket_or_endpoint_stops_the_start_naming_the_setting() throws Exception {
        Path data = Files.createTempDirectory("docqa-s3-settings");
        Map<String, String> env = new HashMap<>(Map.of("DOCQA_STORAGE_TYPE", "s3", "DOCQA_S3_ENDPOINT", "http://127.0.0.1:9"));
        IllegalStateException noBucket = assertThrows(IllegalStateException.class,
                () -> S3OriginalsStore.create(config(env), data));
        assertEquals("docqa.storage.s3.bucket (DOCQA_S3_BUCKET) is required when DOCQA_STORAGE_TYPE=s3.",
                noBucket.getMessage());
        IllegalStateException noEndpoint = assertThrows(IllegalStateException.class,
                () -> S3OriginalsStore.create(config(Map.of("DOCQA_STORAGE_TYPE", "s3", "DOCQA_S3_BUCKET", "b")), data));
        assertEquals("docqa.storage.s3.endpoint (DOCQA_S3_ENDPOINT) is required when DOCQA_STORAGE_TYPE=s3.",
                noEndpoint.getMessage());
        env.put("DOCQA_S3_BUCKET", "b"); // nothing listens on port 9
        IllegalStateException unreachable = assertThrows(IllegalStateException.class,
                () -> S3OriginalsStore.create(config(env), data));
        assertTrue(unreachable.getMessage().contains("could not be reached")
                && unreachable.getMessage().contains("DOCQA_S3_ENDPOINT"), unreachable.getMessage());
    }
}
