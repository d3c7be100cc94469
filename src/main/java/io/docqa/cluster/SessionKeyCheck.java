package io.docqa.cluster;

import io.docqa.cluster.ClusterConfig.Role;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * At start, announces this instance to the others ({@link ClusterLocks#announce()}) and refuses to start an
 * instance that serves the UI among several without a shared session key: the form-login cookie is encrypted with
 * {@value #KEY}, and without it each instance makes its own key, so a user signed in through one instance would be
 * signed out whenever the load balancer sends them to another.
 * <p>
 * Several instances are assumed when this instance's role is {@code web} (a web role only makes sense beside
 * workers), when originals are kept in an object store ({@code docqa.storage.type=s3}, the shared storage of a
 * cluster), or when another live instance is connected to the same database. A {@code worker} serves no UI and
 * needs no key.
 */
@ApplicationScoped
public class SessionKeyCheck {

    private static final Logger LOG = Logger.getLogger(SessionKeyCheck.class);

    /** The Quarkus setting that holds the key of the form-login cookie. */
    static final String KEY = "quarkus.http.auth.session.encryption-key";
    static final String KEY_ENV = "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY";

    void onStart(@Observes @Priority(10) StartupEvent event, Instance instance, ClusterLocks locks) {
        locks.announce();
        Config config = ConfigProvider.getConfig();
        Optional<String> problem = problem(instance.role(),
                config.getOptionalValue("docqa.storage.type", String.class).orElse("filesystem"),
                instance.servesWeb() ? locks.otherInstances() : 0,
                config.getOptionalValue(KEY, String.class));
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
    }

    /** Why this instance may not start, or empty when it may. */
    static Optional<String> problem(Role role, String storageType, int otherInstances, Optional<String> key) {
        if (role == Role.WORKER || key.filter(k -> !k.isBlank()).isPresent()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (role == Role.WEB) {
            reasons.add("its role is web (DOCQA_ROLE=web)");
        }
        if ("s3".equalsIgnoreCase(storageType.strip())) {
            reasons.add("originals are kept in an object store (DOCQA_STORAGE_TYPE=s3)");
        }
        if (otherInstances > 0) {
            reasons.add(otherInstances + " other DocQA instance(s) are running on the same database");
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("This instance runs among several (" + String.join("; ", reasons) + ") but " + KEY
                + " (env " + KEY_ENV + ") is not set. Set it to the same secret of at least 16 characters on every"
                + " instance, so that a user signed in on one instance stays signed in on the others.");
    }
}
