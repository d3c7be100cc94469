package io.docqa.app.users;

import io.docqa.app.Callers;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.security.ApiTokenRepository;
import io.docqa.security.AppUser;
import io.docqa.security.Caller;
import io.docqa.security.Passwords;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import io.docqa.security.VerifiedPasswords;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * User accounts, for administrators: one set of rules for REST and the users view alike (name pattern and length,
 * password length, no administrator demotes, disables or deletes themselves: as every change is made by an enabled
 * administrator, one always remains).
 */
@ApplicationScoped
public class UserService {

    /** Shortest password accepted, for forms that want to say so before sending. */
    public static final int PASSWORD_MIN_LENGTH = Passwords.MIN_LENGTH;
    /** Longest user name, for forms. */
    public static final int USERNAME_MAX_LENGTH = AppUser.USERNAME_MAX_LENGTH;

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final VerifiedPasswords verified;
    private final Callers callers;
    private final AuditLog audit;

    public UserService(UserRepository users, ApiTokenRepository tokens, VerifiedPasswords verified, Callers callers,
            AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.verified = verified;
        this.callers = callers;
        this.audit = audit;
    }

    /** Creates an account; {@code role} is ADMIN, EDITOR or READER (any case). */
    public AppUser create(Caller claimed, String username, String password, String role) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        String name = validUsername(username);
        String pw = validPassword(password);
        Role r = validRole(role);
        try {
            users.create(name, Passwords.hash(pw), r);
        } catch (DuplicateNameException e) {
            throw UseCaseException.conflict(e.getMessage());
        }
        audit.record(caller.username(), AuditAction.USER_CREATED, null, name, Map.of("role", r.name()));
        return require(name);
    }

    /** Every account, by name. */
    public List<AppUser> list(Caller claimed) {
        callers.requireRole(claimed, Role.ADMIN);
        return users.findAll();
    }

    public AppUser get(Caller claimed, String username) {
        callers.requireRole(claimed, Role.ADMIN);
        return require(username);
    }

    /**
     * Changes any of role, enabled flag and password (null: unchanged); every change applies to the user's next
     * request. A new password or disabling also ends the user's form-login sessions and revokes their API tokens
     * (re-enabling brings neither back). Nobody takes the ADMIN role from themselves or disables themselves.
     */
    public AppUser update(Caller claimed, String username, String password, String role, Boolean enabled) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        require(username);
        boolean self = username.equals(caller.username());
        Role newRole = role == null ? null : validRole(role);
        String newPassword = password == null ? null : validPassword(password);
        if (newRole != null && newRole != Role.ADMIN) {
            if (self) {
                throw UseCaseException.conflict("You cannot take the ADMIN role from yourself.");
            }
        }
        if (Boolean.FALSE.equals(enabled)) {
            if (self) {
                throw UseCaseException.conflict("You cannot disable yourself.");
            }
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (newRole != null) {
            users.setRole(username, newRole);
            changes.put("role", newRole.name());
        }
        if (enabled != null) {
            users.setEnabled(username, enabled);
            changes.put("enabled", enabled);
        }
        if (newPassword != null) {
            users.setPasswordHash(username, Passwords.hash(newPassword));
            changes.put("password", "changed");
        }
        if (newPassword != null || Boolean.FALSE.equals(enabled)) {
            verified.forget(username);
            users.endSessions(username);
            changes.put("sessionsEnded", true);
            changes.put("tokensRevoked", tokens.revokeAll(username));
        }
        audit.record(caller.username(), AuditAction.USER_UPDATED, null, username, changes);
        return require(username);
    }

    /**
     * Signs the caller out everywhere: every form-login cookie of theirs, in any browser, is refused from now on
     * (the cookie itself cannot be revoked on the server, see {@code SessionPrincipal}). It only takes rights away,
     * so it needs no role and works for a disabled account too.
     */
    public void signOut(Caller caller) {
        users.endSessions(caller.username());
    }

    /**
     * Deletes the account with everything it owned (memberships, API tokens, conversations: they reference the
     * account's id). Audit rows keep the name and id as they were. A new account given the same name later is a
     * different account and gets none of it.
     */
    public void delete(Caller claimed, String username) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        require(username);
        if (username.equals(caller.username())) {
            throw UseCaseException.conflict("You cannot delete yourself.");
        }
        long id = require(username).id();
        users.delete(username);
        verified.forget(username);
        audit.record(caller.username(), AuditAction.USER_DELETED, null, username, Map.of("userId", id));
    }

    private AppUser require(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> UseCaseException.notFound("No user named \"" + username + "\"."));
    }

    static String validUsername(String username) {
        String u = username == null ? "" : username.strip();
        if (u.isEmpty() || u.length() > AppUser.USERNAME_MAX_LENGTH || !u.matches(AppUser.USERNAME_PATTERN)) {
            throw UseCaseException.invalid("\"username\" must be 1–" + AppUser.USERNAME_MAX_LENGTH
                    + " letters, digits or . _ @ -");
        }
        return u;
    }

    static String validPassword(String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_LENGTH) {
            throw UseCaseException.invalid("\"password\" must have at least " + Passwords.MIN_LENGTH
                    + " characters and at most " + Passwords.MAX_LENGTH + " bytes.");
        }
        return password;
    }

    static Role validRole(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UseCaseException.invalid("\"role\" must be ADMIN, EDITOR or READER.");
        }
    }
}
