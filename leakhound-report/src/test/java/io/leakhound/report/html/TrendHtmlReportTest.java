package io.leakhound.report.html;

import static io.leakhound.report.html.HtmlReportTest.block;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import io.leakhound.live.verdict.TrendAnalysis;
import io.leakhound.live.verdict.VerdictEngine;
import io.leakhound.report.TrendJsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** The trend page as a file: the verdict contract, the curve, the fitted line, size on long series. */
class TrendHtmlReportTest {
    static final long MB = 1 << 20;
    static final long START = 1_700_000_000_000L;

    /** {@code n} live-set samples every {@code stepMillis} of {@code shape(ms since start)} plus 1 MB of noise. */
    static MemorySeries series(int n, long stepMillis, LongUnaryOperator shape, Long limit) {
        Random random = new Random(7);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = i * stepMillis;
            samples.add(new Sample(START + t, shape.applyAsLong(t) + Math.round(MB * random.nextGaussian())));
        }
        return new MemorySeries(samples, SeriesKind.LIVE_SET, limit, SeriesFormat.CSV, "synthetic <live> & set");
    }

    static MemorySeries leaking() {
        return series(60, 5_000, t -> 200 * MB + t / 1000 * MB, 1024 * MB);
    }

    static MemorySeries flat() {
        return series(120, 10_000, t -> 300 * MB, null);
    }

    static String html(MemorySeries s, String file) throws IOException {
        TrendAnalysis a = new VerdictEngine().analyze(s, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrendHtmlReport.write(a, s, file, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLeakEmbedsTheVerdictTheCurveTheFitAndTheLimit() throws IOException {
        MemorySeries s = leaking();
        String html = html(s, "/var/log/gc.log");
        assertThat(html).contains("<title>leakhound trend: gc.log</title>");
        JsonNode verdict = block(html, "leakhound-trend");
        TrendAnalysis a = new VerdictEngine().analyze(s, null);
        ByteArrayOutputStream contract = new ByteArrayOutputStream();
        TrendJsonReport.write(a.result(), s, contract, true);
        assertThat(verdict).isEqualTo(new ObjectMapper().readTree(contract.toByteArray()));
        assertThat(verdict.path("verdict").asText()).isEqualTo("leak");
        assertThat(verdict.path("secondsToLimit").asLong()).isPositive();
        assertThat(verdict.path("input").path("description").asText()).isEqualTo("synthetic <live> & set");

        JsonNode chart = block(html, "leakhound-chart");
        assertThat(chart.path("samples")).hasSize(60);
        assertThat(chart.path("samplesDrawn").asInt()).isEqualTo(60);
        assertThat(chart.path("used")).hasSize(verdict.path("samples").asInt());
        assertThat(chart.path("warmupEndMillis").asLong()).isEqualTo(a.warmupEndMillis()).isGreaterThan(START);
        assertThat(chart.path("fit").path("slopeBytesPerSecond").asDouble() * 3600)
                .isCloseTo(verdict.path("growthBytesPerHour").asDouble(), org.assertj.core.api.Assertions.within(1.0));
        assertThat(chart.path("samples").get(0).get(0).asLong()).isEqualTo(START);
    }

    @Test
    void aFlatSeriesHasAFlatFitAndNoLimit() throws IOException {
        String html = html(flat(), "heap.csv");
        JsonNode verdict = block(html, "leakhound-trend");
        assertThat(verdict.path("verdict").asText()).isEqualTo("no-leak");
        assertThat(verdict.path("limitBytes").isNull()).isTrue();
        JsonNode chart = block(html, "leakhound-chart");
        assertThat(Math.abs(chart.path("fit").path("slopeBytesPerSecond").asDouble())).isLessThan(0.05 * MB);
        assertThat(chart.path("recentFit").isNull()).isTrue();
    }

    @Test
    void sharesTheFrameAndDrawsWithItsOwnSvg() throws IOException {
        String html = html(leaking(), "gc.log");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .contains("var LH = (function").contains("id: 'trend-line'").contains("id: 'forecast-line'");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("url(");
        assertThat(html).doesNotContainPattern("<(script|img|link|iframe)[^>]+src=");
        assertThat(html).doesNotContain("synthetic <live>").contains("synthetic \\u003clive\\u003e \\u0026 set");
    }

    @Test
    void longSeriesKeepTheirEnvelopeAndStaySmall() throws IOException {
        // a week of samples every 5 s: 120,960 points, a sawtooth over a slow leak
        MemorySeries s = series(120_960, 5_000, t -> 500 * MB + t / 3_600_000 * MB + (t / 5_000 % 12) * 8 * MB, null);
        String html = html(s, "week.csv");
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(300 * 1024);
        JsonNode chart = block(html, "leakhound-chart");
        assertThat(chart.path("samplesSorted").asInt()).isEqualTo(120_960);
        assertThat(chart.path("samples").size()).isLessThanOrEqualTo(TrendHtmlReport.MAX_DRAWN_SAMPLES)
                .isEqualTo(chart.path("samplesDrawn").asInt());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        for (JsonNode p : chart.path("samples")) {
            assertThat(p.get(0).asLong()).isGreaterThan(last);
            last = p.get(0).asLong();
            min = Math.min(min, p.get(1).asLong());
            max = Math.max(max, p.get(1).asLong());
        }
        long trueMin = s.samples().stream().mapToLong(Sample::bytes).min().orElseThrow();
        long trueMax = s.samples().stream().mapToLong(Sample::bytes).max().orElseThrow();
        assertThat(min).isEqualTo(trueMin);
        assertThat(max).isEqualTo(trueMax);
    }
}
