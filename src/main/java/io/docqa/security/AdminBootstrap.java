package io.docqa.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Creates the administrator when no user exists yet. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final AdminConfig config;

    public AdminBootstrap(UserRepository users, AdminConfig config) {
        this.users = users;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (users.count() > 0) {
            return;
        }
        String password = config.password().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = Passwords.random();
        }
        try {
            users.create(config.username(), Passwords.hash(password), Role.ADMIN);
        } catch (io.docqa.corpus.DuplicateNameException e) {
            // several instances started together on a new database: another one created the administrator first
            LOG.infof("Administrator '%s' was created by another instance", config.username());
            return;
        }
        if (generated) {
            LOG.infof("%n%n  Created administrator '%s' with generated password: %s%n"
                    + "  (shown once; set DOCQA_ADMIN_PASSWORD before the first start to choose it)%n",
                    config.username(), password);
        } else {
            LOG.infof("Created administrator '%s'", config.username());
        }
    }
}
