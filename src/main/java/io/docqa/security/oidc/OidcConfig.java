package io.docqa.security.oidc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Mapping of OpenID Connect sign-ins ({@code docqa.security.oidc.*}); OIDC itself is off unless quarkus.oidc.tenant-enabled=true. */
@ConfigMapping(prefix = "docqa.security.oidc")
public interface OidcConfig {

    /** Claim of the ID/access token that lists the user's groups (Keycloak: "groups" with the group-membership mapper). */
    @WithDefault("groups")
    String groupsClaim();

    /** Claim used as DocQA user name. */
    @WithDefault("preferred_username")
    String usernameClaim();

    /** Prefix of the groups DocQA reads, see {@link OidcGroupMapping}. */
    @WithDefault("docqa")
    String groupPrefix();
}
