package io.leakhound.cli;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakhound analyze DUMP}: what takes the memory and who holds it. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyzes a HotSpot heap dump (.hprof, or gzip): histogram, dominator tree, retained sizes"
                + ", the shortest strong path from a GC root to each top dominator, and leak suspects: who holds"
                + " the memory, where it piles up, which known mistake it is and how to fix it.",
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n", footer = ExitCodes.HELP)
public final class AnalyzeCommand implements Callable<Integer> {
    static final int DEFAULT_TOP = 20;

    @Parameters(paramLabel = "DUMP", description = "The heap dump (HPROF 1.0.1/1.0.2, plain or gzip).")
    Path dump;

    @Mixin
    ReportOptions output = new ReportOptions();

    @Option(names = "--show-values", description = "Allow heap values (strings, thread names) in the report.")
    boolean showValues;

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where to put the private index directory (default: /dev/shm when the index fits"
            + " comfortably in free memory, else the system temp directory).")
    Path tempDir;

    @Option(names = "--fail-on-suspect", description = "Exit with 1 when leak suspects are found.")
    boolean failOnSuspect;

    @Option(names = "--suspect-threshold", paramLabel = "SHARE", defaultValue = "0.10",
            description = "Share of the reachable heap (0-1, or a percentage like 10%%) an object or group must"
                    + " retain to be a leak suspect (default: ${DEFAULT-VALUE}).",
            converter = ShareConverter.class)
    double suspectThreshold = AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD;

    @Override
    public Integer call() throws IOException {
        int top = output.top(DEFAULT_TOP);
        AnalysisReport report = run(dump, top, showValues, tempDir, suspectThreshold);
        ReportPrinter.print(report, output, top, showValues);
        return failOnSuspect && !report.suspects().isEmpty() ? ExitCodes.SUSPECTS : ExitCodes.OK;
    }

    /** Analyzes a dump with a progress bar on stderr when it is a terminal. */
    static AnalysisReport run(Path dump, int top, boolean showValues, Path tempDir, double suspectThreshold) {
        ProgressBar bar = new ProgressBar(System.err, Terminal.stderrIsTerminal());
        try {
            return HeapAnalyzer.analyze(dump, new AnalyzeOptions(top, showValues, tempDir, bar, suspectThreshold));
        } finally {
            bar.finish();
        }
    }
}
