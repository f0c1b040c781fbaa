package io.leakhound.cli;

/** Exit codes of every command, as documented in the report contract. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Leak suspects were found and {@code --fail-on-suspect} was given. */
    public static final int SUSPECTS = 1;
    /** {@code trend}: the verdict is leak and {@code --fail-on-leak} was given. */
    public static final int LEAK = 1;
    /** Bad input: not a dump, truncated beyond use, unreadable. */
    public static final int BAD_INPUT = 2;
    public static final int USAGE = 3;
    public static final int INTERNAL = 4;
    /** {@code watch}: the JVM belongs to another user or refuses attach, or JMX credentials were refused. */
    public static final int ACCESS_REFUSED = 5;

    /** The exit codes as printed at the end of every command's help. */
    static final String HELP = "  0  success%n  1  leak suspects found and --fail-on-suspect given%n"
            + "  2  bad input (not a heap dump, truncated beyond use, unreadable)%n  3  usage error%n"
            + "  4  internal error (run with --debug for details)";

    /** The exit codes at the end of {@code trend}'s help. */
    static final String TREND_HELP = "  0  success (whatever the verdict)%n  1  verdict is leak and --fail-on-leak given%n"
            + "  2  bad input (missing or unreadable file, unknown format, no samples)%n  3  usage error%n"
            + "  4  internal error (run with --debug for details)";

    /** The exit codes at the end of {@code watch}'s help. */
    static final String WATCH_HELP = "  0  the watch ended (--duration reached, the target exited, or Ctrl-C), whatever"
            + " the verdict%n  1  verdict is leak at the end and --fail-on-leak given%n"
            + "  2  no such process, not a Java VM, or the JMX URL does not answer%n  3  usage error%n"
            + "  4  internal error (run with --debug for details)%n"
            + "  5  access refused: another user's JVM, attach disabled, or JMX credentials refused";

    /** The exit codes at the end of the top-level help. */
    static final String MAIN_HELP = "  0  success%n  1  leak found: suspects with --fail-on-suspect (analyze),"
            + " verdict leak with --fail-on-leak (trend, watch)%n"
            + "  2  bad input (not a heap dump or series file, truncated beyond use, unreadable)%n  3  usage error%n"
            + "  4  internal error (run with --debug for details)%n"
            + "  5  watch, resources: access refused (another user's JVM, JMX credentials refused)";

    private ExitCodes() {
    }
}
