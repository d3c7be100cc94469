package io.docqa.cli;

import java.io.PrintStream;
import java.util.List;

/** One command of the command line. Returns the process exit code (0 = success). */
public interface CliCommand {

    /** The word that selects the command, e.g. {@code ingest}. */
    String name();

    /** One line for the usage text. */
    String summary();

    int run(List<String> args, ApiClient api, PrintStream out, PrintStream err) throws Exception;
}
