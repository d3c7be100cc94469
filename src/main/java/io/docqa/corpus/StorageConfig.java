package io.docqa.corpus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/** Where DocQA keeps files of its own: the Lucene index and the stored originals ({@code docqa.corpus.*}). */
@ConfigMapping(prefix = "docqa.corpus")
public interface StorageConfig {

    /** Data directory (env DOCQA_CORPUS_DATA_DIR, formerly DOCQA_DATA_DIR): {@code index/}, {@code originals/}. */
    @WithName("data-dir")
    @WithDefault("data")
    Path dataDir();

    default Path indexDir() {
        return dataDir().resolve("index");
    }

    default Path originalsDir() {
        return dataDir().resolve("originals");
    }
}
