package io.leakhound.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.watch.ClassGrowth;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes a trend verdict as the one JSON object of {@code docs/trend-contract.md}. */
public final class TrendJsonReport {
    private TrendJsonReport() {
    }

    /**
     * Writes the object; {@code pretty = false} leaves out all whitespace (the HTML trend page embeds it so).
     * Closes the generator, and so {@code out}: pass a stream that ignores close to keep it open.
     */
    public static void write(TrendResult r, MemorySeries series, OutputStream out, boolean pretty) throws IOException {
        try (JsonGenerator g = JsonReport.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            fields(g, r, series, List.of(), null);
            g.writeEndObject();
        }
    }

    /**
     * The fields of the contract, into an object the caller opened: {@code growing} classes and the
     * {@code dump} path come from {@code watch} (empty and null for {@code trend}).
     */
    public static void fields(JsonGenerator g, TrendResult r, MemorySeries series, List<ClassGrowth> growing,
                              String dump) throws IOException {
        {
            g.writeStringField("verdict", r.verdict().id());
            g.writeNumberField("growthBytesPerHour", Math.round(r.growthBytesPerHour()));
            g.writeNumberField("confidence", Math.round(r.confidence() * 1000) / 1000.0);
            if (r.secondsToLimit() == null) {
                g.writeNullField("secondsToLimit");
            } else {
                g.writeNumberField("secondsToLimit", r.secondsToLimit());
            }
            g.writeNumberField("samples", r.samples());
            g.writeStringField("method", r.method());
            g.writeArrayFieldStart("growingClasses");
            for (ClassGrowth c : growing) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("instancesPerHour", Math.round(c.instancesPerHour()));
                g.writeNumberField("bytesPerHour", Math.round(c.bytesPerHour()));
                g.writeEndObject();
            }
            g.writeEndArray();
            if (dump == null) {
                g.writeNullField("dump");
            } else {
                g.writeStringField("dump", dump);
            }
            nullableNumber(g, "limitBytes", r.limitBytes());
            nullableNumber(g, "liveBytes", r.liveBytes());
            g.writeNumberField("windowSeconds", Math.round(r.windowSeconds() * 1000) / 1000.0);
            if (Double.isNaN(r.pGrowth())) {
                g.writeNullField("pGrowth");
            } else {
                g.writeNumberField("pGrowth", r.pGrowth());
            }
            g.writeObjectFieldStart("input");
            g.writeStringField("format", series.format().id());
            g.writeStringField("kind", series.kind().id());
            g.writeNumberField("samplesRead", series.samples().size());
            g.writeStringField("description", series.description());
            g.writeEndObject();
        }
    }

    private static void nullableNumber(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }
}
