package io.docqa.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A personal API token from an {@code Authorization: Bearer} header. */
public class ApiTokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public ApiTokenAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
