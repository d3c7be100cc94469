package io.docqa.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar quarkus-run.jar} starts the server; {@code java -jar quarkus-run.jar <command> [options]}
 * runs a command against a running server and exits with its status.
 */
@QuarkusMain
public final class DocqaMain {

    private DocqaMain() {
    }

    public static void main(String... args) {
        if (args.length == 0 || args[0].startsWith("-") && !isHelp(args[0])) {
            Quarkus.run(args);
            return;
        }
        System.exit(runCommand(List.of(args), System.out, System.err));
    }

    static int runCommand(List<String> args, PrintStream out, PrintStream err) {
        if (isHelp(args.get(0)) || "help".equals(args.get(0))) {
            usage(out);
            return 0;
        }
        Optional<CliCommand> command = Commands.find(args.get(0));
        if (command.isEmpty()) {
            err.println("Unknown command '" + args.get(0) + "'.");
            usage(err);
            return 2;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        String url = option(rest, "--url", env("DOCQA_URL", "http://localhost:8080"));
        String user = option(rest, "--user", env("DOCQA_USER", env("DOCQA_ADMIN_USERNAME", "admin")));
        String password = option(rest, "--password", env("DOCQA_PASSWORD", env("DOCQA_ADMIN_PASSWORD", "")));
        try {
            return command.get().run(rest, new ApiClient(url, user, password), out, err);
        } catch (ApiClient.ApiError e) {
            err.println("DocQA answered: " + e.getMessage());
            return 1;
        } catch (java.net.ConnectException e) {
            err.println("Cannot reach DocQA at " + url + ": is the server running? (set --url or DOCQA_URL)");
            return 1;
        } catch (Exception e) {
            err.println("Failed: " + e);
            return 1;
        }
    }

    /** Removes "--name value" from args and returns the value, or the fallback. */
    public static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return fallback;
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static boolean isHelp(String arg) {
        return "--help".equals(arg) || "-h".equals(arg);
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar quarkus-run.jar                      start the server");
        out.println("       java -jar quarkus-run.jar <command> [options]  run a command against a running server");
        out.println("Options: --url URL (DOCQA_URL), --user NAME (DOCQA_USER), --password PW (DOCQA_PASSWORD)");
        out.println("Commands:");
        for (CliCommand c : Commands.ALL) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
