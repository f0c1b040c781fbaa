package io.leakhound.cli;

import io.leakhound.live.series.ByteSizes;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.ReadOptions;
import io.leakhound.live.series.SeriesFiles;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesFormatException;
import io.leakhound.live.verdict.TrendAnalysis;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.verdict.VerdictEngine;
import io.leakhound.report.html.TrendHtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakhound trend FILE}: is memory over time leaking? */
@Command(name = "trend", mixinStandardHelpOptions = true,
        description = {"Reads a memory time series from a file and says whether it leaks: leak, no-leak or"
                + " not-enough-data, with the growth rate, a confidence and the time until the limit.",
                "Formats: JVM unified GC logs (-Xlog:gc, -Xlog:gc*), Lua memory logs ('YYYY-MM-DD HH:MM:SS: N KB'),"
                + " Go MemStats JSON (expvar /debug/vars), Prometheus query_range JSON, CSV time,bytes."
                + " The method is described in docs/leak-verdict.md."},
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n", footer = ExitCodes.TREND_HELP)
public final class TrendCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The series file.")
    Path file;

    @Option(names = "--format", paramLabel = "F", defaultValue = "auto",
            description = "auto (default), gc-log, lua, go-memstats, prometheus or csv.")
    String format;

    @Option(names = "--limit", paramLabel = "BYTES",
            description = "Memory limit for the time-to-limit forecast, e.g. 2g, 512m (default: the max heap a GC"
                    + " log shows; none for other formats).")
    String limit;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Time between samples when the file has none (Go MemStats without a time field),"
                    + " e.g. 10s, 500ms, 1m.")
    String interval;

    @Option(names = "--json", description = "Print one JSON object (docs/trend-contract.md) instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "OUT",
            description = "Also write a self-contained HTML page here: the verdict, the memory curve, the fitted"
                    + " trend and the forecast (one file, owner-only; loads nothing when opened).")
    String html;

    @Option(names = "--min-span", paramLabel = "D", defaultValue = "1m",
            description = "Say leak only after this much data (default: ${DEFAULT-VALUE}). A cache filling up grows"
                    + " like a leak until it is full: raise it for services whose caches warm slowly.")
    String minLeakSpan;

    @Option(names = "--fail-on-leak", description = "Exit with 1 when the verdict is leak.")
    boolean failOnLeak;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        if ("-".equals(html)) {
            throw new BadUsageException("--html needs a file name");
        }
        SeriesFormat f = parseFormat();
        Long limitBytes = parseLimit(limit);
        ReadOptions options = new ReadOptions(parseInterval());
        MemorySeries series;
        try {
            series = SeriesFiles.read(file, f, options);
        } catch (SeriesFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        TrendAnalysis analysis = new VerdictEngine(DurationOption.parse("--min-span", minLeakSpan).toMillis())
                .analyze(series, limitBytes);
        TrendResult result = analysis.result();
        if (html != null) {
            // written before stdout, so that a file that cannot be written leaves stdout empty (exit code 2)
            ReportPrinter.writeFile(out -> TrendHtmlReport.write(analysis, series, file.toString(), out), html);
            System.err.println("leakhound: HTML page written to " + html);
        }
        if (json) {
            TrendPrinter.json(result, series, System.out);
        } else {
            TrendPrinter.text(result, series, System.out);
        }
        System.out.flush();
        return failOnLeak && result.verdict() == Verdict.LEAK ? ExitCodes.LEAK : ExitCodes.OK;
    }

    private SeriesFormat parseFormat() {
        try {
            return SeriesFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw new BadUsageException("--format: " + e.getMessage());
        }
    }

    /** A {@code --limit} value in bytes; null stays null. */
    static Long parseLimit(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            long bytes = ByteSizes.parse(limit);
            if (bytes <= 0) {
                throw new BadUsageException("--limit must be more than 0");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new BadUsageException("--limit: " + e.getMessage());
        }
    }

    private Duration parseInterval() {
        return DurationOption.parse("--interval", interval);
    }
}
