package io.leakhound.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.live.series.ByteSizes;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.verdict.Durations;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.watch.ClassGrowth;
import io.leakhound.report.TrendJsonReport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
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

    /** More fields after the contract's, for {@code watch}. */
    interface Extra {
        void write(JsonGenerator g) throws IOException;
    }

    static void json(TrendResult r, MemorySeries series, OutputStream stdout) throws IOException {
        json(r, series, List.of(), null, null, stdout, true);
    }

    /** One JSON object: the contract's fields, {@code extra}'s, then a newline. */
    static void json(TrendResult r, MemorySeries series, List<ClassGrowth> growing, String dump, Extra extra,
            OutputStream stdout, boolean pretty) throws IOException {
        OutputStream out = new FilterOutputStream(stdout) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            if (extra != null && !pretty) {
                extra.write(g); // event lines: the event's own fields first
            }
            TrendJsonReport.fields(g, r, series, growing, dump);
            if (extra != null && pretty) {
                extra.write(g);
            }
            g.writeEndObject();
        }
        stdout.write('\n');
        stdout.flush();
    }
}
