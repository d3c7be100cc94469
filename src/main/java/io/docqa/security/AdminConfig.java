package io.docqa.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The administrator created on first start ({@code DOCQA_ADMIN_USERNAME}, {@code DOCQA_ADMIN_PASSWORD}). */
@ConfigMapping(prefix = "docqa.admin")
public interface AdminConfig {

    @WithDefault("admin")
    String username();

    /** When absent, a random password is generated and printed once in the log. */
    Optional<String> password();
}
