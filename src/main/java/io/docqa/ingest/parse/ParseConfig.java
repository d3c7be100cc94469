package io.docqa.ingest.parse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.OptionalInt;

/** Where documents are parsed ({@code docqa.ingest.parse.*}). */
@ConfigMapping(prefix = "docqa.ingest.parse")
public interface ParseConfig {

    /** Where Tika runs. */
    enum Isolation {
        /**
         * In separate parser processes with their own memory cap: a hostile file can neither exhaust the server's
         * heap nor keep a thread busy after its timeout (the process is stopped and a new one started).
         */
        PROCESS,
        /** Inside the server, as before; a document that parses forever keeps a thread busy after its timeout. */
        IN_PROCESS
    }

    /** {@code process} (default) or {@code in-process}. */
    @WithDefault("process")
    Isolation isolation();

    /**
     * Heap of each parser process, as for {@code java -Xmx} (e.g. {@code 512m}, {@code 1g}). A document that needs
     * more ends FAILED ("the parser ran out of memory").
     */
    @WithDefault("512m")
    String heap();

    /**
     * Parser processes running at most at the same time; default: {@code docqa.ingest.workers}, at most the number
     * of cores (each process started costs its own start and JIT warm-up; more than the cores parse no faster).
     */
    OptionalInt processes();

    /**
     * JVM options of each parser process besides its heap, comma-separated. Default: C1 compiler only
     * ({@code -XX:TieredStopAtLevel=1}): a parser process compiles the same parser code again that the server has
     * already compiled, and C2's compile time is spent again in every process started (timeout, crash, idle restart);
     * HTML, text and office pages parse in tens of milliseconds either way. Set {@code -XX:TieredStopAtLevel=4} for
     * C2 in long-running processes that parse large PDFs.
     */
    @WithDefault("-XX:TieredStopAtLevel=1")
    List<String> jvmOptions();
}
