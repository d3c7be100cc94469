package io.docqa.security.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit log's settings ({@code docqa.security.audit.*}). */
@ConfigMapping(prefix = "docqa.security.audit")
public interface AuditConfig {

    /** Audit entries older than this are purged (checked hourly). */
    @WithDefault("P365D")
    Duration retention();
}
