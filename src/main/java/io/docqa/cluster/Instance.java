package io.docqa.cluster;

import io.docqa.cluster.ClusterConfig.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This running instance: its id (unique among live instances) and its role. */
@ApplicationScoped
public class Instance {

    private final String id;
    private final Role role;

    public Instance(ClusterConfig config) {
        this.role = config.role();
        this.id = config.instanceId().filter(s -> !s.isBlank()).map(String::strip)
                .orElseGet(() -> hostName() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Unique among live instances; a restarted instance gets a new one unless it is configured. */
    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    /** Whether this instance claims ingestion jobs and evaluation runs. */
    public boolean runsWorkers() {
        return role != Role.WEB;
    }

    /** Whether this instance serves the UI and the REST API (health and metrics are served by every role). */
    public boolean servesWeb() {
        return role != Role.WORKER;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME"); // the pod name on Kubernetes
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "docqa";
        }
    }
}
