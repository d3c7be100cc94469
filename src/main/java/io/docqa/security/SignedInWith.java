package io.docqa.security;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * How a request was authenticated, as far as it limits what the request may do: a request signed in with a personal
 * API token may create further tokens only when that token was created with the permission to.
 *
 * @param tokenId the API token that authenticated the request, or null for a password (form login, HTTP Basic)
 * @param tokenCanCreateTokens whether that token may create tokens
 */
public record SignedInWith(Long tokenId, boolean tokenCanCreateTokens) {

    /** Identity attribute holding this record for token-authenticated requests. */
    static final String ATTRIBUTE = "docqa.signed-in-with";

    /** Signed in with a password (form login or HTTP Basic). */
    public static SignedInWith password() {
        return new SignedInWith(null, false);
    }

    /** What {@code identity} was signed in with. */
    public static SignedInWith of(SecurityIdentity identity) {
        SignedInWith with = identity.getAttribute(ATTRIBUTE);
        return with == null ? password() : with;
    }

    public boolean token() {
        return tokenId != null;
    }
}
