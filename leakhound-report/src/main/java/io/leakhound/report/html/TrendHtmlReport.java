package io.leakhound.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.verdict.TrendAnalysis;
import io.leakhound.report.TrendJsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a trend verdict ({@code leakhound trend FILE --html OUT}) as one self-contained HTML page: the verdict
 * first, then the memory curve drawn as inline SVG with every sample, the samples the fit used, the fitted
 * trend line and, for a leak with a known limit, the forecast up to the limit (dashed).
 *
 * <p>The verdict is embedded as the trend JSON contract (compact); the curve as time/bytes pairs. A series
 * longer than {@link #MAX_DRAWN_SAMPLES} is drawn from the lowest and highest sample of each of
 * {@code MAX_DRAWN_SAMPLES / 2} consecutive groups, which keeps its envelope; the page says so.
 */
public final class TrendHtmlReport {
    /** Samples of the curve embedded at most. */
    public static final int MAX_DRAWN_SAMPLES = 4_000;

    private TrendHtmlReport() {
    }

    /**
     * Writes the page as UTF-8. Does not close {@code out}.
     *
     * @param fileName the series file's name, for the title and header
     */
    public static void write(TrendAnalysis analysis, MemorySeries series, String fileName, OutputStream out)
            throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TrendJsonReport.write(analysis.result(), series, json, false);
        new HtmlPage("leakhound trend: " + HtmlReport.fileName(fileName), "trend.js")
                .data("leakhound-trend", json.toString(StandardCharsets.UTF_8))
                .data("leakhound-chart", chart(analysis, fileName))
                .write(out);
    }

    private static String chart(TrendAnalysis a, String fileName) throws IOException {
        List<Sample> drawn = envelope(a.samples(), MAX_DRAWN_SAMPLES);
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("kind", "trend");
            g.writeStringField("file", fileName);
            g.writeNumberField("samplesSorted", a.samples().size());
            g.writeNumberField("samplesDrawn", drawn.size());
            g.writeNumberField("warmupEndMillis", a.warmupEndMillis());
            samples(g, "samples", drawn);
            samples(g, "used", a.used());
            line(g, "fit", a.fit());
            line(g, "recentFit", a.recentFit());
            g.writeEndObject();
        }
        return w.toString();
    }

    private static void samples(JsonGenerator g, String name, List<Sample> samples) throws IOException {
        g.writeArrayFieldStart(name);
        for (Sample s : samples) {
            g.writeStartArray();
            g.writeNumber(s.timeMillis());
            g.writeNumber(s.bytes());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void line(JsonGenerator g, String name, TrendAnalysis.Line line) throws IOException {
        if (line == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("startMillis", line.startMillis());
        g.writeNumberField("endMillis", line.endMillis());
        g.writeNumberField("interceptBytes", line.interceptBytes());
        g.writeNumberField("slopeBytesPerSecond", line.slopeBytesPerSecond());
        g.writeEndObject();
    }

    /**
     * At most {@code max} samples in time order: the lowest and the highest of each of {@code max / 2}
     * consecutive groups, so a sawtooth keeps its floor and its peaks.
     */
    static List<Sample> envelope(List<Sample> samples, int max) {
        if (samples.size() <= max) {
            return samples;
        }
        int groups = max / 2;
        List<Sample> out = new ArrayList<>(max);
        for (int k = 0; k < groups; k++) {
            int from = (int) ((long) samples.size() * k / groups);
            int to = (int) ((long) samples.size() * (k + 1) / groups);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (samples.get(i).bytes() < samples.get(lo).bytes()) {
                    lo = i;
                }
                if (samples.get(i).bytes() > samples.get(hi).bytes()) {
                    hi = i;
                }
            }
            out.add(samples.get(Math.min(lo, hi)));
            if (lo != hi) {
                out.add(samples.get(Math.max(lo, hi)));
            }
        }
        return out;
    }
}
