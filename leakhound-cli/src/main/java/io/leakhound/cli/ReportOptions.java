package io.leakhound.cli;

import picocli.CommandLine.Option;

/** Output options shared by the commands that print a heap report (a picocli mixin). */
public final class ReportOptions {
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report here ('-' for stdout).")
    String json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report here (one file, owner-only; loads nothing when opened).")
    String html;

    @Option(names = "--top", paramLabel = "N", description = "Rows per table (default: 20; the demo shows 10).")
    Integer top;

    @Option(names = "--no-color", description = "No ANSI colors even on a terminal.")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    /** Rows per table: the user's choice, else the command's default. Checks the options first. */
    int top(int defaultTop) {
        if (top != null && top < 0) {
            throw new BadUsageException("--top must be 0 or more");
        }
        if ("-".equals(html)) {
            throw new BadUsageException("--html needs a file name ('-' is only for --json)");
        }
        return top == null ? defaultTop : top;
    }
}
