package io.leakhound.cli;

import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.report.JsonReport;
import io.leakhound.report.TextReport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Prints a report as the user asked: text on stdout (unless JSON goes there), JSON to a file or stdout. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(AnalysisReport report, ReportOptions options, int top) throws IOException {
        boolean jsonToStdout = "-".equals(options.json);
        if (!jsonToStdout) {
            new TextReport(System.out, !options.noColor && Terminal.stdoutIsTerminal(), Math.max(1, top))
                    .render(report);
            System.out.flush();
        }
        if (options.json != null) {
            writeJson(report, options.json);
        }
    }

    private static void writeJson(AnalysisReport report, String target) throws IOException {
        if ("-".equals(target)) {
            JsonReport.write(report, new FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            return;
        }
        try (OutputStream out = Files.newOutputStream(Path.of(target))) {
            JsonReport.write(report, out);
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot write " + target + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot write " + target + ": permission denied");
        }
        System.err.println("leakhound: JSON report written to " + target);
    }
}
