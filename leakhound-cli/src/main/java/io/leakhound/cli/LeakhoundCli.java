package io.leakhound.cli;

import io.leakhound.analysis.Version;
import io.leakhound.hprof.HprofException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code leakhound <command>}. */
@Command(name = "leakhound", mixinStandardHelpOptions = true, versionProvider = LeakhoundCli.VersionProvider.class,
        description = "Finds memory leaks in JVM services and says how to fix them.",
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL,
        footerHeading = "%nExit codes:%n",
        footer = ExitCodes.MAIN_HELP)
public final class LeakhoundCli implements Runnable {
    /**
     * The subcommands' names, in the order help lists them. Each is built (its annotations read by picocli) only
     * when it may run: all of them take a tenth of a second to build, a fiftieth of a small dump's analysis.
     */
    static final List<String> SUBCOMMANDS = List.of("analyze", "diff", "trend", "watch", "resources", "rules", "demo",
            "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Object newSubcommand(String name) {
        return switch (name) {
            case "analyze" -> new AnalyzeCommand();
            case "diff" -> new DiffCommand();
            case "trend" -> new TrendCommand();
            case "watch" -> new WatchCommand();
            case "resources" -> new ResourcesCommand();
            case "rules" -> new RulesCommand();
            case "demo" -> new DemoCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand (other than {@code help},
     * which describes the others), only that one is added; else all of them (top-level help, an unknown
     * command, which picocli answers with suggestions).
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new LeakhoundCli());
        String first = args.length > 0 ? args[0] : "";
        boolean one = SUBCOMMANDS.contains(first) && !first.equals("help");
        for (String name : SUBCOMMANDS) {
            if (!one || name.equals(first)) {
                cli.addSubcommand(name, newSubcommand(name));
            }
        }
        return cli;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int execute(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = commandLine(args);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr(), debug));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            PrintWriter err = cli.getErr();
            if (debug) {
                e.printStackTrace(err);
            }
            err.println("leakhound: out of memory (" + e.getMessage() + "); give the analyzer more heap with"
                    + " LEAKHOUND_JAVA_OPTS=-Xmx4g (the index itself lives in mapped files, outside the heap)");
            err.flush();
            return ExitCodes.INTERNAL;
        } catch (Error e) {
            PrintWriter err = cli.getErr();
            if (debug) {
                e.printStackTrace(err);
            }
            err.println("leakhound: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }

    static int handle(Exception e, PrintWriter err, boolean debug) {
        Throwable t = e;
        if (debug) {
            t.printStackTrace(err);
        }
        if (t instanceof BadUsageException) {
            err.println("leakhound: usage error: " + t.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (t instanceof HprofException || t instanceof BadInputException) {
            err.println("leakhound: error: " + t.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (t instanceof AccessRefusedException) {
            err.println("leakhound: error: " + t.getMessage());
            err.flush();
            return ExitCodes.ACCESS_REFUSED;
        }
        if (t instanceof UncheckedIOException io) {
            err.println("leakhound: error: " + io.getCause().getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("leakhound: internal error: " + t + (debug ? "" : " (run with --debug for details)"));
        err.flush();
        return ExitCodes.INTERNAL;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.NAME + " " + Version.VERSION};
        }
    }
}
