package io.docqa.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The administrator created on first start ({@code docqa.admin.*}: {@code DOCQA_ADMIN_USERNAME},
 * {@code DOCQA_ADMIN_PASSWORD}). The prefix stays outside {@code docqa.security}: the command-line client reads the
 * same two environment variables itself (not through the configuration) as its default credentials, so a renamed
 * variable could not be relocated for it.
 */
@ConfigMapping(prefix = "docqa.admin")
public interface AdminConfig {

    @WithDefault("admin")
    String username();

    /** When absent, a random password is generated and printed once in the log. */
    Optional<String> password();
}
