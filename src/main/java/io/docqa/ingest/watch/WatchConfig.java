package io.docqa.ingest.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The watched folder ({@code docqa.ingest.watch.*}): files put there are ingested into one collection. Off unless a folder is set. */
@ConfigMapping(prefix = "docqa.ingest.watch")
public interface WatchConfig {

    /** The folder to watch (subfolders included); unset: no folder is watched. Env: DOCQA_INGEST_WATCH_FOLDER. */
    Optional<Path> folder();

    /** The collection the files go to; created (with {@link #pipeline()}) when it does not exist. */
    @WithDefault("Watched folder")
    String collection();

    /** Ingestion pipeline of the collection when the watcher creates it. */
    @WithDefault("default")
    String pipeline();

    /**
     * How often the folder is scanned. A file is taken once its size and modification time were the same in two
     * scans in a row, so files still being copied are not read half-written.
     */
    @WithDefault("10s")
    Duration interval();
}
