package io.leakhound.cli;

import picocli.CommandLine.Option;

/** Output options shared by the commands that print a heap report (a picocli mixin). */
public final class ReportOptions {
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report here ('-' for stdout).")
    String json;

    @Option(names = "--top", paramLabel = "N", description = "Rows per table (default: 20; the demo shows 10).")
    Integer top;

    @Option(names = "--no-color", description = "No ANSI colors even on a terminal.")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    /** Rows per table: the user's choice, else the command's default. */
    int top(int defaultTop) {
        if (top != null && top < 0) {
            throw new BadUsageException("--top must be 0 or more");
        }
        return top == null ? defaultTop : top;
    }
}
