package io.leakhound.cli;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.diff.HeapDiff;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.report.DiffJsonReport;
import io.leakhound.report.DiffTextReport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        boolean jsonToStdout = "-".equals(output.json);
        if (!jsonToStdout) {
            new DiffTextReport(System.out, !output.noColor && Terminal.stdoutIsTerminal(), Math.max(1, top))
                    .render(report);
            System.out.flush();
        }
        if (output.json != null) {
            writeJson(report, output.json);
        }
        return failOnSuspect && !report.suspects().isEmpty() ? ExitCodes.SUSPECTS : ExitCodes.OK;
    }

    private static void writeJson(DiffReport report, String target) throws IOException {
        if ("-".equals(target)) {
            DiffJsonReport.write(report, new FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            return;
        }
        try (OutputStream out = Files.newOutputStream(Path.of(target))) {
            DiffJsonReport.write(report, out);
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot write " + target + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot write " + target + ": permission denied");
        }
        System.err.println("leakhound: JSON report written to " + target);
    }
}
