package io.leakhound.cli;

import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.report.DiffJsonReport;
import io.leakhound.report.DiffTextReport;
import io.leakhound.report.JsonReport;
import io.leakhound.report.TextReport;
import io.leakhound.report.html.DiffHtmlReport;
import io.leakhound.report.html.HtmlReport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prints a report (of one dump, or of a diff of two) as the user asked: text on stdout (unless JSON goes
 * there), JSON and HTML to files (JSON also to stdout). Report files hold class names and paths of someone's heap, so they are written owner-only
 * ({@code rw-------}).
 */
final class ReportPrinter {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ReportPrinter() {
    }

    static void print(AnalysisReport report, ReportOptions options, int top, boolean showValues) throws IOException {
        boolean color = !options.noColor && Terminal.stdoutIsTerminal();
        print(options, out -> new TextReport(out, color, Math.max(1, top)).render(report),
                out -> JsonReport.write(report, out),
                out -> HtmlReport.write(report, new HtmlReport.Options(showValues, HtmlReport.DEFAULT_MAX_CLASSES), out));
    }

    /** The same for a comparison of two dumps ({@code leakhound diff}). */
    static void print(DiffReport report, ReportOptions options, int top, boolean showValues) throws IOException {
        boolean color = !options.noColor && Terminal.stdoutIsTerminal();
        print(options, out -> new DiffTextReport(out, color, Math.max(1, top)).render(report),
                out -> DiffJsonReport.write(report, out),
                out -> DiffHtmlReport.write(report, new HtmlReport.Options(showValues, HtmlReport.DEFAULT_MAX_CLASSES),
                        out));
    }

    /** Writes one of a report's forms to a stream. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void print(ReportOptions options, Consumer<PrintStream> text,
                              Writer json, Writer html) throws IOException {
        boolean jsonToStdout = "-".equals(options.json);
        if (!jsonToStdout) {
            text.accept(System.out);
            System.out.flush();
        }
        if (options.json != null) {
            writeJson(json, options.json);
        }
        if (options.html != null) {
            writeFile(html, options.html);
            System.err.println("leakhound: HTML report written to " + options.html);
        }
    }

    /** Writes a report file owner-only (see {@link #ownerOnly}). */
    static void writeFile(Writer writer, String target) throws IOException {
        try (OutputStream out = ownerOnly(Path.of(target))) {
            writer.write(out);
        }
    }

    private static void writeJson(Writer json, String target) throws IOException {
        if ("-".equals(target)) {
            json.write(new FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            return;
        }
        writeFile(json, target);
        System.err.println("leakhound: JSON report written to " + target);
    }

    /**
     * Opens a report file for writing, created {@code rw-------}; an existing file is made owner-only before
     * anything is written to it. Errors a user can fix are bad input.
     */
    static OutputStream ownerOnly(Path target) throws IOException {
        try {
            boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix && Files.exists(target)) {
                Files.setPosixFilePermissions(target, OWNER_ONLY);
            }
            FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            return Channels.newOutputStream(Files.newByteChannel(target, EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), attrs));
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot write " + target + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot write " + target + ": permission denied");
        } catch (FileSystemException e) {
            throw new BadInputException("cannot write " + target + ": " + (e.getReason() == null ? e.getMessage()
                    : e.getReason()));
        }
    }
}
