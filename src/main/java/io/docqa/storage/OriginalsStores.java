package io.docqa.storage;

import io.docqa.corpus.StorageConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import org.jboss.logging.Logger;

/** The {@link OriginalsStore} that {@code docqa.storage.type} names; an s3 store is checked (and its bucket made) at start. */
@ApplicationScoped
public class OriginalsStores {

    private static final Logger LOG = Logger.getLogger(OriginalsStores.class);

    @Produces
    @ApplicationScoped
    OriginalsStore originals(OriginalsStorageConfig config, StorageConfig corpus) throws IOException {
        return switch (config.type()) {
            case FILESYSTEM -> new FilesystemOriginalsStore(corpus.originalsDir());
            case S3 -> S3OriginalsStore.create(config, corpus.dataDir());
        };
    }

    /** A misconfigured or unreachable store stops the start with a message naming the setting. */
    void check(@Observes StartupEvent started, OriginalsStore originals) {
        LOG.infof("Originals are kept in %s", originals.describe());
    }

    void close(@Disposes OriginalsStore originals) throws Exception {
        if (originals instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
