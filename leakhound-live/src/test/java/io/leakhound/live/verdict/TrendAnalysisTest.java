package io.leakhound.live.verdict;

import static io.leakhound.live.verdict.Series.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link VerdictEngine#analyze} adds to the verdict: samples, warm-up cut, fitted points and lines. */
class TrendAnalysisTest {
    private final VerdictEngine engine = new VerdictEngine();

    @Test
    void aLeakCarriesItsSamplesWarmupCutAndAFittedLineMatchingTheVerdict() {
        MemorySeries s = Series.of(SeriesKind.LIVE_SET, 300, 5, t -> 200 * MB + t * MB, 2 * MB, 3);
        TrendAnalysis a = engine.analyze(s, 1024 * MB);
        assertThat(a.result()).isEqualTo(engine.decide(s, 1024 * MB));
        assertThat(a.result().verdict()).isEqualTo(Verdict.LEAK);
        assertThat(a.samples()).hasSize(s.samples().size());
        long t0 = a.samples().get(0).timeMillis();
        assertThat(a.warmupEndMillis()).isEqualTo(t0 + 30_000);
        assertThat(a.used()).hasSize(a.result().samples())
                .allSatisfy(p -> assertThat(p.timeMillis()).isGreaterThanOrEqualTo(a.warmupEndMillis()));
        TrendAnalysis.Line fit = a.fit();
        assertThat(fit.startMillis()).isEqualTo(a.used().get(0).timeMillis());
        assertThat(fit.endMillis()).isEqualTo(a.used().get(a.used().size() - 1).timeMillis());
        assertThat(fit.slopeBytesPerSecond() * 3600).isEqualTo(a.result().growthBytesPerHour());
        assertThat(fit.at(t0 + 100_000)).isCloseTo(300.0 * MB, within(3.0 * MB));
        assertThat((double) Math.round(fit.at(fit.endMillis()))).isEqualTo(a.result().liveBytes().doubleValue());
        assertThat(a.recentFit()).isNotNull();
        assertThat(a.recentFit().startMillis()).isGreaterThan(fit.startMillis());
        // the forecast: the line reaches the limit after secondsToLimit
        double atLimit = fit.at(fit.endMillis() + a.result().secondsToLimit() * 1000);
        assertThat(atLimit).isCloseTo(1024.0 * MB, within(2.0 * MB));
    }

    @Test
    void aFlatSeriesHasAFlatLineAndAPlateauKeepsItsRecentFit() {
        TrendAnalysis flat = engine.analyze(Series.of(SeriesKind.LIVE_SET, 600, 5, t -> 300 * MB, 1 * MB, 2), null);
        assertThat(flat.result().verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(Math.abs(flat.fit().slopeBytesPerSecond())).isLessThan(0.01 * MB);
        assertThat(flat.recentFit()).isNull();

        TrendAnalysis plateau = engine.analyze(Series.of(SeriesKind.LIVE_SET, 900, 5,
                t -> 200 * MB + Math.min(t, 300) * MB, 1 * MB, 2), null);
        assertThat(plateau.result().verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(plateau.recentFit().slopeBytesPerSecond() * 3600).isEqualTo(plateau.result().growthBytesPerHour());
    }

    @Test
    void tooFewSamplesHaveNoFit() {
        MemorySeries s = new MemorySeries(List.of(new Sample(1000, 5), new Sample(2000, 6), new Sample(2000, 4)),
                SeriesKind.LIVE_SET, null, io.leakhound.live.series.SeriesFormat.CSV, "three");
        TrendAnalysis a = engine.analyze(s, null);
        assertThat(a.result().verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
        assertThat(a.samples()).containsExactly(new Sample(1000, 5), new Sample(2000, 4));
        assertThat(a.used()).isEmpty();
        assertThat(a.fit()).isNull();
        assertThat(a.warmupEndMillis()).isEqualTo(1000);
    }
}
