package io.docqa.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What this instance does among several ({@code docqa.cluster.*}). */
@ConfigMapping(prefix = "docqa.cluster")
public interface ClusterConfig {

    /** The work an instance takes on. */
    enum Role {
        /** Serves the UI and REST and runs ingestion: the single-instance default. */
        ALL,
        /** Serves the UI and REST and keeps a Lucene follower; runs no ingestion jobs. */
        WEB,
        /** Runs ingestion jobs; serves nothing but health and metrics. */
        WORKER
    }

    /** {@code all}, {@code web} or {@code worker} (env DOCQA_CLUSTER_ROLE, or DOCQA_ROLE). */
    @WithDefault("all")
    Role role();

    /**
     * Name of this instance in job leases and the index followers' table (default: host name plus a random suffix,
     * new at every start).
     */
    Optional<String> instanceId();

    /**
     * JDBC URL of a direct connection to the primary database (env DOCQA_DIRECT_DATABASE_URL), for what needs a
     * session of its own: the index follower's LISTEN and the single-instance task locks. Set it when the main
     * datasource goes through PgBouncer in transaction mode. Default: connections of the main datasource.
     */
    Optional<String> directJdbcUrl();

    /** User of the direct connection (default: {@code quarkus.datasource.username}). */
    Optional<String> directUsername();

    /** Password of the direct connection (default: {@code quarkus.datasource.password}). */
    Optional<String> directPassword();
}
