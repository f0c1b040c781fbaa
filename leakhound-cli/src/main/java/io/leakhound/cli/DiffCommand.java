package io.leakhound.cli;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.diff.HeapDiff;
import io.leakhound.analysis.model.DiffReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakhound diff OLD NEW}: what grew between two dumps of the same process. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compares two heap dumps of the same process: growth per class (instances, shallow,"
                + " retained) and per holder (suspects and top dominators of the new dump, found in the old one by"
                + " their GC-root path), and the new dump's leak suspects ranked by growth.",
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n", footer = ExitCodes.HELP)
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier heap dump.")
    Path oldDump;

    @Parameters(index = "1", paramLabel = "NEW", description = "The later heap dump.")
    Path newDump;

    @Mixin
    ReportOptions output = new ReportOptions();

    @Option(names = "--show-values", description = "Allow heap values (thread names) in the report.")
    boolean showValues;

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where to put the private index directories.")
    Path tempDir;

    @Option(names = "--suspect-threshold", paramLabel = "SHARE", defaultValue = "0.10",
            description = "Share of the reachable heap that makes a leak suspect (default: ${DEFAULT-VALUE}).",
            converter = ShareConverter.class)
    double suspectThreshold = AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD;

    @Option(names = "--fail-on-suspect", description = "Exit with 1 when the new dump has leak suspects.")
    boolean failOnSuspect;

    @Override
    public Integer call() throws IOException {
        int top = output.top(AnalyzeCommand.DEFAULT_TOP);
        ProgressBar bar = new ProgressBar(System.err, Terminal.stderrIsTerminal());
        DiffReport report;
        try {
            report = HeapDiff.compare(oldDump, newDump,
                    new AnalyzeOptions(top, showValues, tempDir, bar, suspectThreshold));
        } finally {
            bar.finish();
        }
        ReportPrinter.print(report, output, top, showValues);
        return failOnSuspect && !report.suspects().isEmpty() ? ExitCodes.SUSPECTS : ExitCodes.OK;
    }
}
