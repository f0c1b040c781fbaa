package io.leakhound.cli;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.report.JsonReport;
import io.leakhound.report.TextReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakhound analyze DUMP}: what takes the memory and who holds it. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyzes a HotSpot heap dump (.hprof, or gzip): histogram, dominator tree, retained sizes and",
                "the shortest strong path from a GC root to each top dominator."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DUMP", description = "The heap dump (HPROF 1.0.1/1.0.2, plain or gzip).")
    Path dump;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report here ('-' for stdout).")
    String json;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rows per table (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--show-values", description = "Allow heap values (strings, thread names) in the report.")
    boolean showValues;

    @Option(names = "--no-color", description = "No ANSI colors even on a terminal.")
    boolean noColor;

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where to put the private index directory (default: the system temp directory).")
    Path tempDir;

    @Option(names = "--fail-on-suspect", description = "Exit with 1 when leak suspects are found.")
    boolean failOnSuspect;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        if (top < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--top must be >= 0");
        }
        AnalysisReport report = run(dump, top, showValues, tempDir);
        return print(report);
    }

    static AnalysisReport run(Path dump, int top, boolean showValues, Path tempDir) {
        ProgressBar bar = new ProgressBar(System.err, Terminal.stderrIsTerminal());
        try {
            return HeapAnalyzer.analyze(dump, new AnalyzeOptions(top, showValues, tempDir, bar));
        } finally {
            bar.finish();
        }
    }

    int print(AnalysisReport report) throws IOException {
        boolean jsonToStdout = "-".equals(json);
        if (!jsonToStdout) {
            new TextReport(System.out, !noColor && Terminal.stdoutIsTerminal(), Math.max(1, top)).render(report);
            System.out.flush();
        }
        if (json != null) {
            writeJson(report, json);
        }
        return failOnSuspect && !report.suspects().isEmpty() ? ExitCodes.SUSPECTS : ExitCodes.OK;
    }

    static void writeJson(AnalysisReport report, String target) throws IOException {
        if ("-".equals(target)) {
            OutputStream out = new java.io.FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            JsonReport.write(report, out);
            return;
        }
        Path p = Path.of(target);
        try (OutputStream out = Files.newOutputStream(p)) {
            JsonReport.write(report, out);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("cannot write " + target + ": no such directory");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadInputException("cannot write " + target + ": permission denied");
        }
        PrintStream err = System.err;
        err.println("leakhound: JSON report written to " + target);
    }
}
