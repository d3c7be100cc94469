package io.docqa.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Settings whose names changed when each configuration prefix came to follow its package keep working under their
 * old names, in every source (properties, system properties, environment variables such as
 * {@code DOCQA_LLM_PROVIDER}, profile-specific {@code %prod.docqa.jobs...}): a lookup of the new name also reads the
 * old one; when both are set, the source with the higher ordinal wins, and within one source the new name. Registered
 * through {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptorFactory}.
 */
public class RenamedSettings implements ConfigSourceInterceptorFactory {

    /** New name → old name; a key ending in '.' renames every setting under that prefix. */
    public static final Map<String, String> OLD_NAMES = Map.ofEntries(
            Map.entry("docqa.corpus.data-dir", "docqa.data-dir"),
            Map.entry("docqa.ingest.jobs.", "docqa.jobs."),
            Map.entry("docqa.ingest.pipeline.", "docqa.pipelines."),
            Map.entry("docqa.ingest.index.", "docqa.index."),
            Map.entry("docqa.answer.llm.", "docqa.llm."),
            Map.entry("docqa.answer.verify.", "docqa.verify."),
            Map.entry("docqa.security.oidc.", "docqa.oidc."),
            Map.entry("docqa.cluster.role", "docqa.role"),
            // not a rename: the short environment name DOCQA_DIRECT_DATABASE_URL, beside DOCQA_CLUSTER_DIRECT_JDBC_URL
            Map.entry("docqa.cluster.direct-jdbc-url", "docqa.direct-database-url"),
            Map.entry("docqa.storage.s3.", "docqa.s3."));

    /** The old name of a setting, or the name itself when it was not renamed. */
    public static String oldName(String name) {
        if (!name.startsWith("docqa.")) {
            return name;
        }
        for (Map.Entry<String, String> renamed : OLD_NAMES.entrySet()) {
            String newName = renamed.getKey();
            boolean prefix = newName.endsWith(".");
            if (prefix ? name.startsWith(newName) && name.length() > newName.length() : name.equals(newName)) {
                return renamed.getValue() + name.substring(newName.length());
            }
        }
        return name;
    }

    /**
     * Like SmallRye's {@code RelocateConfigSourceInterceptor} with this mapping, except that the new name wins over
     * the old one set in the same source (the relocating interceptor prefers the old one there).
     */
    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        return (chain, name) -> {
            ConfigValue current = chain.proceed(name);
            String old = oldName(name);
            ConfigValue former = old.equals(name) ? null : chain.proceed(old);
            boolean oldWins = former != null
                    && (current == null || former.getConfigSourceOrdinal() > current.getConfigSourceOrdinal());
            return oldWins ? former.withName(name) : current;
        };
    }

    /**
     * Inside expression expansion (3300), so that {@code ${docqa.corpus.data-dir}} also sees the old name, and
     * outside the profile interceptor (3200), so that {@code %prod.} variants of old names count too.
     */
    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(Priorities.LIBRARY + 250);
    }
}
