package io.leakhound.live.verdict;

import static io.leakhound.live.verdict.Series.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict on synthetic series whose truth is known: slopes, noise, sawtooth, plateau, too little data. */
class VerdictEngineTest {
    private final VerdictEngine engine = new VerdictEngine();

    private TrendResult decide(MemorySeries s) {
        return engine.decide(s);
    }

    @Test
    void steadyOneMegabytePerSecondUnderNoiseIsALeakWithinFourMinutes() {
        MemorySeries s = Series.of(SeriesKind.LIVE_SET, 240, 5, t -> 200 * MB + t * MB, 4 * MB, 1);
        TrendResult r = engine.decide(s, 1024 * MB);
        assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.LEAK);
        assertThat(r.growthBytesPerHour()).isCloseTo(3600.0 * MB, within(360.0 * MB));
        assertThat(r.confidence()).isGreaterThan(0.99);
        // at the end the live set is ~440 MB; 584 MB left at 1 MB/s
        assertThat(r.secondsToLimit()).isBetween(520L, 650L);
        assertThat(r.limitBytes()).isEqualTo(1024 * MB);
        assertThat(r.samples()).isBetween(40, 45);
    }

    @ParameterizedTest(name = "{0} bytes/s over {1} s every {2} s, noise {3}")
    @CsvSource({
        "1048576, 300, 5, 2097152",      // 1 MB/s, a few minutes of samples
        "10240, 7200, 30, 1048576",      // 10 KB/s (36 MB/h) over two hours
        "1000, 86400, 300, 4194304",     // ~3.4 MB/h over a day, sampled every 5 min
        "52428800, 60, 1, 20971520",     // 50 MB/s for a minute
    })
    void knownSlopesAreEstimatedWithin10Percent(double perSecond, double seconds, double step, double noise) {
        for (long seed = 1; seed <= 5; seed++) {
            MemorySeries s = Series.of(SeriesKind.LIVE_SET, seconds, step, t -> 500 * MB + perSecond * t, noise, seed);
            TrendResult r = decide(s);
            assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.LEAK);
            assertThat(r.growthBytesPerHour() / 3600).isCloseTo(perSecond, within(perSecond * 0.10));
        }
    }

    @Test
    void flatNoisySeriesAreNeverALeak() {
        int noLeak = 0;
        for (long seed = 1; seed <= 40; seed++) {
            MemorySeries s = Series.of(SeriesKind.LIVE_SET, 600, 5, t -> 300 * MB, 10 * MB, seed);
            TrendResult r = decide(s);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.method()).isNotEqualTo(Verdict.LEAK);
            noLeak += r.verdict() == Verdict.NO_LEAK ? 1 : 0;
        }
        assertThat(noLeak).isGreaterThanOrEqualTo(36);
        TrendResult r = decide(Series.of(SeriesKind.LIVE_SET, 600, 5, t -> 300 * MB, 10 * MB, 1));
        assertThat(r.verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(r.secondsToLimit()).isNull();
    }

    @Test
    void constantSeriesAsGcLogsRoundItIsNoLeakWithFullConfidence() {
        MemorySeries s = Series.of(SeriesKind.LIVE_SET, 600, 5, t -> 80 * MB, 0, 1);
        TrendResult r = decide(s);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_LEAK);
        assertThat(r.growthBytesPerHour()).isZero();
        assertThat(r.confidence()).isGreaterThan(0.99);
    }

    @Test
    void sawtoothWithAFlatFloorIsNoLeak() {
        for (long seed = 1; seed <= 20; seed++) {
            // young-GC style: 100 MB floor, +5 MB/s, collected every 37 s, sampled every 2 s for 20 minutes
            MemorySeries s = Series.of(SeriesKind.RAW_USAGE, 1200, 2,
                    Series.sawtooth(t -> 100 * MB, 5 * MB, 37), 2 * MB, seed);
            TrendResult r = decide(s);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.method()).isEqualTo(Verdict.NO_LEAK);
            assertThat(r.method()).contains("troughs");
        }
    }

    @Test
    void sawtoothOverARisingFloorIsALeakAtTheFloorsRate() {
        MemorySeries s = Series.of(SeriesKind.RAW_USAGE, 1200, 2,
                Series.sawtooth(t -> 100 * MB + 0.2 * MB * t, 5 * MB, 37), 2 * MB, 3);
        TrendResult r = decide(s);
        assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.LEAK);
        assertThat(r.growthBytesPerHour() / 3600).isCloseTo(0.2 * MB, within(0.02 * MB));
    }

    @Test
    void cacheThatFillsAndThenStaysFlatIsNoLeak() {
        for (long seed = 1; seed <= 20; seed++) {
            // fills 2 MB/s for 30 s, then flat, watched for 3 minutes
            MemorySeries s = Series.of(SeriesKind.LIVE_SET, 180, 2, t -> 50 * MB + 2 * MB * Math.min(t, 30),
                    1 * MB, seed);
            TrendResult r = decide(s);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.method()).isNotEqualTo(Verdict.LEAK);
        }
        // filling for a third of a 10-minute window, curving into the plateau as caches do
        MemorySeries s = Series.of(SeriesKind.LIVE_SET, 600, 5,
                t -> 50 * MB + 200 * MB * (1 - Math.exp(-t / 60)), 2 * MB, 7);
        TrendResult r = decide(s);
        assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.NO_LEAK);
        assertThat(r.method()).contains("plateau");
        assertThat(Math.abs(r.growthBytesPerHour())).isLessThan(50.0 * MB);
    }

    @Test
    void cacheFillingForHalfAMinuteIsNeverALeakAtAnyMomentOfTheWatchWhileALeakIsAfterAMinute() {
        for (long seed = 1; seed <= 10; seed++) {
            // the same 1 MB/s for 30 s; then one cache is full and the leak goes on; a sample every half second
            MemorySeries fill = Series.of(SeriesKind.LIVE_SET, 120, 0.5, t -> 40 * MB + MB * Math.min(t, 30),
                    MB / 2, seed);
            MemorySeries leak = Series.of(SeriesKind.LIVE_SET, 120, 0.5, t -> 40 * MB + MB * t, MB / 2, seed);
            Long firstLeak = null;
            for (int n = VerdictEngine.MIN_SAMPLES; n <= fill.samples().size(); n++) {
                TrendResult f = decide(prefix(fill, n));
                assertThat(f.verdict()).as("seed %d, %d samples: %s", seed, n, f.method()).isNotEqualTo(Verdict.LEAK);
                TrendResult l = decide(prefix(leak, n));
                double seconds = (n - 1) * 0.5;
                if (seconds < 60) {
                    assertThat(l.verdict()).as(l.method()).isNotEqualTo(Verdict.LEAK);
                    if (seconds >= 20 && l.verdict() == Verdict.NOT_ENOUGH_DATA) {
                        // growing, and said so with its rate: only the span is missing
                        assertThat(l.method()).contains("leak needs 1 min");
                        assertThat(l.growthBytesPerHour() / 3600).isCloseTo(MB, within(0.2 * MB));
                    }
                } else if (firstLeak == null && l.verdict() == Verdict.LEAK) {
                    firstLeak = Math.round(seconds);
                }
            }
            assertThat(firstLeak).as("seed %d", seed).isNotNull().isLessThanOrEqualTo(65L);
            // watched on, the plateau is told apart from noise: no-leak
            TrendResult later = decide(Series.of(SeriesKind.LIVE_SET, 240, 0.5,
                    t -> 40 * MB + MB * Math.min(t, 30), MB / 2, seed));
            assertThat(later.verdict()).as("seed %d: %s", seed, later.method()).isEqualTo(Verdict.NO_LEAK);
        }
        // the minimum is the engine's: without it the same 25 s of growth is a leak
        MemorySeries early = Series.of(SeriesKind.LIVE_SET, 25, 0.5, t -> 40 * MB + MB * t, MB / 2, 1);
        assertThat(decide(early).verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
        assertThat(new VerdictEngine(0).decide(early).verdict()).isEqualTo(Verdict.LEAK);
    }

    private static MemorySeries prefix(MemorySeries s, int n) {
        return new MemorySeries(s.samples().subList(0, n), s.kind(), s.limitBytes(), s.format(), s.description());
    }

    @Test
    void tooFewSamplesIsNotEnoughData() {
        MemorySeries s = Series.of(SeriesKind.LIVE_SET, 30, 5, t -> 100 * MB + t * MB, 0, 1);
        TrendResult r = decide(s);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
        assertThat(r.confidence()).isZero();
        assertThat(r.samples()).isEqualTo(7);
        assertThat(r.method()).contains("at least 8");
        assertThat(decide(new MemorySeries(List.of(), SeriesKind.LIVE_SET, null, SeriesFormat.CSV, "none")).verdict())
                .isEqualTo(Verdict.NOT_ENOUGH_DATA);
    }

    @Test
    void growthSeenOnlyAfterYoungCollectionsIsNotCalledALeak() {
        MemorySeries s = Series.of(SeriesKind.AFTER_YOUNG_GC, 300, 1, t -> 20 * MB + t * MB / 4, MB / 8, 1);
        TrendResult r = decide(s);
        assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
        assertThat(r.method()).contains("too few full or mixed collections");
    }

    @Test
    void longSeriesAreThinnedAndStillMeasured() {
        List<Sample> samples = LongStream.range(0, 50_000)
                .mapToObj(i -> new Sample(i * 1000, 100 * MB + i * 1000 + (i % 7) * 100_000)).toList();
        TrendResult r = decide(new MemorySeries(samples, SeriesKind.LIVE_SET, null, SeriesFormat.CSV, "long"));
        assertThat(r.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(r.samples()).isLessThanOrEqualTo(VerdictEngine.MAX_FIT_POINTS);
        assertThat(r.growthBytesPerHour()).isCloseTo(3_600_000.0, within(360_000.0));
    }
}
