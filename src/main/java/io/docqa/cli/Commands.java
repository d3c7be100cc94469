package io.docqa.cli;

import java.util.List;
import java.util.Optional;

/** The registered commands. Add a command here. */
final class Commands {

    static final List<CliCommand> ALL = List.of(new IngestCommand(), new ReindexCommand(), new ReembedCommand(), new EvalCommand());

    private Commands() {
    }

    static Optional<CliCommand> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
