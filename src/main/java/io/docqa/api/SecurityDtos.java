package io.docqa.api;

import io.docqa.security.ApiTokenRepository.TokenInfo;
import io.docqa.security.AppUser;
import io.docqa.security.MembershipRepository.Member;
import java.time.Instant;

/** Request and response bodies of the users, members, tokens and audit endpoints (public contract). */
public final class SecurityDtos {

    private SecurityDtos() {
    }

    public record CreateUserRequest(String username, String password, String role) {
    }

    /** Any field left out stays as it is. */
    public record UpdateUserRequest(String password, String role, Boolean enabled) {
    }

    public record CreatedUser(long id, String username) {
    }

    public record UserResponse(long id, String username, String role, boolean enabled) {
        static UserResponse of(AppUser u) {
            return new UserResponse(u.id(), u.username(), u.role().name(), u.enabled());
        }
    }

    public record MemberRequest(String role) {
    }

    public record MemberResponse(String username, String role) {
        static MemberResponse of(Member m) {
            return new MemberResponse(m.username(), m.role().name());
        }
    }

    /** {@code expiresInDays} left out: valid until revoked; {@code canCreateTokens}: default false. */
    public record CreateTokenRequest(String name, Integer expiresInDays, Boolean canCreateTokens) {
    }

    /** {@code token} is present only in the answer to the creating request; {@code expiresAt} null: never. */
    public record TokenResponse(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt, String token,
            Instant expiresAt, boolean canCreateTokens) {
        static TokenResponse of(TokenInfo t, String token) {
            return new TokenResponse(t.id(), t.name(), t.createdAt(), t.lastUsedAt(), t.revokedAt(), token,
                    t.expiresAt(), t.canCreateTokens());
        }
    }

    public record PurgeResponse(int removed) {
    }
}
