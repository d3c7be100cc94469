package io.docqa.app;

import io.docqa.security.AppUser;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The caller as the database knows them now. Adapters pass the caller their framework authenticated (a session
 * may be minutes old, a Vaadin callback runs without a request); services act on the role read here, so a
 * demoted, disabled or removed user loses their rights at their next action, in every adapter alike.
 */
@ApplicationScoped
public class Callers {

    private final UserRepository users;

    public Callers(UserRepository users) {
        this.users = users;
    }

    /**
     * The caller with their account id and current role; refused when the account is disabled or gone. A caller
     * whose adapter knew the account id must still be that account: a session of a deleted user never acts for a
     * new account given the same name.
     */
    public Caller current(Caller claimed) {
        Optional<AppUser> user = claimed.userId() > 0
                ? users.findById(claimed.userId()).filter(u -> u.username().equals(claimed.username()))
                : users.findByUsername(claimed.username());
        if (user.isEmpty() || !user.get().enabled()) {
            throw UseCaseException.forbidden("Your account is disabled or was removed; sign in again or ask an administrator.");
        }
        return new Caller(user.get().id(), user.get().username(), user.get().role());
    }

    /** The current caller, who must hold at least {@code role} (ADMIN > EDITOR > READER). */
    public Caller requireRole(Caller claimed, Role role) {
        Caller caller = current(claimed);
        if (!caller.role().includes(role)) {
            throw UseCaseException.forbidden("You are not allowed to do this.");
        }
        return caller;
    }
}
