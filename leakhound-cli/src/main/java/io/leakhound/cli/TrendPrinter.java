package io.leakhound.cli;

import io.leakhound.live.series.ByteSizes;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.verdict.Durations;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.report.TrendJsonReport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a trend verdict: aligned text for people, one JSON object (docs/trend-contract.md) for machines. */
final class TrendPrinter {
    private static final double MB = 1024.0 * 1024;

    private TrendPrinter() {
    }

    static void text(TrendResult r, MemorySeries series, PrintStream out) {
        row(out, "verdict", r.verdict().id());
        double rate = r.growthBytesPerHour() / MB;
        row(out, "growth", String.format(Locale.ROOT, "%+.1f MB/h", Math.abs(rate) < 0.05 ? 0.0 : rate));
        row(out, "confidence", String.format(Locale.ROOT, "%.3f", r.confidence()));
        String limit = r.limitBytes() == null ? "no limit known; pass --limit" : "limit " + ByteSizes.format(r.limitBytes());
        row(out, "to limit", r.secondsToLimit() == null ? "-  (" + limit + ")"
                : Durations.format(r.secondsToLimit()) + "  (" + limit + ")");
        row(out, "samples", r.samples() + " used of " + series.samples().size() + " read: "
                + series.description() + " [" + series.format().id() + "]");
        row(out, "method", r.method());
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "%-11s %s%n", name, value);
    }

    static void json(TrendResult r, MemorySeries series, OutputStream stdout) throws IOException {
        OutputStream out = new FilterOutputStream(stdout) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        TrendJsonReport.write(r, series, out, true);
        stdout.write('\n');
        stdout.flush();
    }
}
