package io.leakhound.live.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The growth test: the autocorrelation correction, and the sign test that bounds it. */
class RobustTrendTest {
    private static final double MB = 1 << 20;

    @Test
    void signTestCountsRisesAmongNonZeroSteps() {
        assertThat(RobustTrend.signTestP(new double[] {1, 2, 3, 4})).isCloseTo(1.0 / 8, within(1e-12));
        assertThat(RobustTrend.signTestP(new double[] {1, 2, 1, 2})).isCloseTo(4.0 / 8, within(1e-12));
        assertThat(RobustTrend.signTestP(new double[] {4, 3, 2, 1})).isCloseTo(1.0, within(1e-12));
        assertThat(RobustTrend.signTestP(new double[] {5, 5, 5})).isEqualTo(1.0);
        assertThat(RobustTrend.signTestP(new double[] {1, 1, 2, 2, 3})).as("ties are no steps")
                .isCloseTo(1.0 / 4, within(1e-12));
        double[] long1000 = new double[1001];
        for (int i = 0; i < long1000.length; i++) {
            long1000[i] = i % 2 == 0 ? i : i - 2; // up 500 times, down 500 times
        }
        assertThat(RobustTrend.signTestP(long1000)).isBetween(0.45, 0.55);
    }

    /**
     * A Parallel GC live set of a service leaking 1 MB/s on JDK 25 (ChildJvmServicesTest, CI): every full
     * collection higher than the last, collections ever more frequent as the old generation fills. The
     * residuals of a line through this bend are autocorrelated as a drift's, and the corrected Mann-Kendall
     * test alone gave p = 0.012: "growth suspected".
     */
    @Test
    void aMonotoneBentLiveSetIsSignificantGrowth() {
        double[][] points = {{10.9, 30.4}, {19.8, 39.7}, {28.1, 48.0}, {35.6, 55.5}, {42.7, 62.7}, {49.2, 69.2},
            {55.3, 75.3}, {60.8, 80.8}, {65.9, 86.0}, {70.6, 90.6}, {74.9, 94.5}, {78.9, 98.5}, {82.5, 102.1},
            {86.0, 105.6}, {89.1, 108.7}};
        List<Sample> samples = new ArrayList<>();
        for (double[] p : points) {
            samples.add(new Sample(Math.round(p[0] * 1000), Math.round(p[1] * MB)));
        }
        TrendResult r = new VerdictEngine().decide(new MemorySeries(samples, SeriesKind.LIVE_SET, 160L << 20,
                SeriesFormat.GC_NOTIFICATIONS, "PS MarkSweep"));
        assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.LEAK);
        assertThat(r.growthBytesPerHour() / 3600 / MB).isBetween(0.9, 1.1);
    }

    /**
     * G1 live sets watched on JDK 25 (ChildJvmServicesTest, two CI runs): a 24 MB cache filling for 30 s in a
     * 64 MB heap, then full for a minute, with ±2 MB of mixed-collection noise. In the first the last third
     * alone could not rule out slow growth (not-enough-data); in the second the heap after mixed collections
     * crept up 3 MB over the minute as G1's retained garbage settled, and the last third alone called it a
     * leak at 0.04 MB/s. The last two thirds against the first third see a plateau in both; no moment of
     * either watch is a leak.
     */
    @Test
    void aFilledCacheUnderG1NoiseIsNoLeakOnceItHasBeenFlatForAMinute() {
        for (double[] secondsAndMegabytes : List.of(new double[] {
            7.2, 27.3, 8.4, 28.3, 9.8, 25.6, 11.3, 29.1, 12.4, 28.5, 13.4, 28.0, 14.5, 28.9, 15.6, 32.8, 16.9, 35.1,
            18.1, 34.5, 19.3, 34.9, 20.2, 34.1, 21.1, 35.1, 23.0, 38.5, 23.3, 36.5, 24.4, 37.1, 26.2, 39.9, 26.5, 40.6,
            27.3, 51.1, 27.7, 39.6, 28.4, 41.6, 29.3, 42.1, 30.2, 43.1, 30.6, 44.1, 31.0, 42.6, 31.9, 41.7, 32.7, 43.1,
            33.6, 42.1, 33.9, 33.2, 35.2, 42.1, 35.9, 42.6, 36.8, 41.8, 37.4, 42.6, 38.3, 41.3, 38.9, 42.0, 39.6, 41.5,
            40.2, 42.4, 40.9, 43.6, 41.7, 43.1, 42.1, 45.6, 42.1, 40.6, 43.2, 42.6, 44.1, 41.3, 44.9, 43.1, 45.7, 43.5,
            46.6, 42.1, 47.4, 42.1, 47.7, 42.5, 48.9, 43.1, 49.4, 42.1, 50.1, 42.6, 51.5, 42.8, 51.7, 42.9, 53.0, 43.1,
            53.8, 42.6, 54.7, 41.8, 55.3, 42.1, 56.0, 43.4, 57.0, 42.1, 57.7, 40.9, 58.4, 42.1, 59.0, 42.6, 59.9, 42.0,
            60.4, 42.8, 60.9, 43.9, 61.5, 43.4, 62.3, 43.1, 63.2, 42.1, 63.7, 41.5, 64.9, 42.8, 65.8, 43.4, 66.6, 42.8,
            67.1, 41.6, 67.7, 43.5, 67.9, 44.5, 68.5, 45.0, 68.5, 40.0, 69.2, 44.0, 69.2, 42.0, 69.8, 44.1, 70.4, 41.6,
            71.1, 42.1, 71.7, 42.1, 72.4, 42.1, 72.7, 42.6, 73.2, 43.1, 73.9, 42.8, 74.7, 43.1, 75.1, 46.6, 75.5, 41.1,
            75.8, 41.6, 76.9, 43.1, 77.7, 43.0, 78.2, 41.5, 79.1, 43.5, 79.8, 45.6, 79.8, 41.6, 80.9, 43.1, 81.7, 43.1,
            82.5, 43.6, 83.4, 43.8, 84.2, 42.5, 85.1, 42.6, 85.9, 43.1, 86.3, 46.1, 86.7, 41.3, 87.4, 41.1, 88.1, 41.9,
            88.3, 42.0, 89.4, 42.9
        }, new double[] {
            6.4, 28.8, 8.2, 29.4, 9.6, 27.2, 11.8, 29.4, 12.2, 27.9, 13.3, 30.0, 14.4, 28.4, 15.5, 29.8, 16.5, 31.2,
            18.4, 34.1, 19.3, 36.1, 20.0, 35.1, 21.2, 35.6, 22.0, 37.6, 23.1, 40.0, 24.0, 50.1, 24.4, 38.9, 25.4, 39.1,
            26.4, 40.1, 27.7, 41.0, 28.4, 41.4, 28.8, 44.4, 29.2, 42.1, 29.6, 45.1, 29.7, 44.1, 30.4, 44.9, 30.4, 42.9,
            31.2, 47.0, 31.2, 44.0, 32.4, 42.1, 33.2, 44.1, 33.7, 43.1, 34.3, 49.8, 34.6, 41.1, 35.2, 42.1, 36.6, 43.1,
            36.8, 42.6, 37.4, 43.1, 38.2, 43.9, 38.8, 43.6, 39.1, 33.2, 39.9, 41.7, 40.8, 44.0, 41.5, 43.5, 41.9, 42.6,
            42.7, 46.1, 43.0, 33.2, 44.2, 42.0, 44.9, 43.1, 45.5, 40.1, 45.8, 42.6, 46.5, 43.0, 47.1, 42.9, 47.4, 45.1,
            48.0, 58.7, 48.0, 41.4, 48.0, 41.4, 48.7, 44.4, 49.1, 41.8, 49.9, 43.1, 50.3, 46.0, 50.3, 43.0, 51.1, 41.5,
            51.9, 45.5, 52.3, 42.6, 52.9, 43.4, 53.3, 46.4, 53.4, 41.4, 54.0, 44.1, 54.4, 42.9, 55.2, 43.3, 55.5, 57.1,
            55.8, 41.3, 56.7, 41.6, 56.9, 41.9, 58.1, 43.5, 58.5, 44.6, 58.9, 42.6, 59.8, 44.1, 60.4, 41.6, 61.3, 42.4,
            62.4, 43.1, 62.6, 44.1, 63.4, 44.7, 63.4, 43.7, 64.2, 42.1, 65.1, 41.1, 65.7, 43.6, 66.4, 43.8, 66.9, 41.1,
            67.5, 43.1, 68.0, 42.1, 68.9, 45.0, 69.5, 51.9, 69.9, 39.6, 70.2, 41.1, 71.3, 43.1, 72.1, 43.6, 72.5, 46.0,
            73.0, 43.1, 73.5, 41.1, 74.1, 44.8, 74.5, 42.8, 75.3, 43.1, 75.6, 33.2, 76.9, 43.1, 77.7, 43.9, 78.4, 40.8,
            79.3, 43.1, 80.1, 42.1, 80.6, 45.1, 81.4, 44.9, 81.8, 42.1, 82.7, 44.1, 83.1, 45.9, 83.1, 42.9, 83.8, 44.9,
            84.2, 43.1, 84.5, 46.3, 84.9, 42.8, 85.4, 44.6, 85.9, 41.8, 86.2, 43.6, 86.9, 45.6, 87.2, 43.6, 88.0, 44.0,
            88.4, 47.1, 88.8, 41.8, 89.8, 44.1
        })) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < secondsAndMegabytes.length; i += 2) {
                samples.add(new Sample(Math.round(secondsAndMegabytes[i] * 1000),
                        Math.round(secondsAndMegabytes[i + 1] * MB)));
            }
            VerdictEngine engine = new VerdictEngine();
            for (int n = VerdictEngine.MIN_SAMPLES; n <= samples.size(); n++) {
                TrendResult r = engine.decide(new MemorySeries(samples.subList(0, n), SeriesKind.LIVE_SET,
                        64L << 20, SeriesFormat.GC_NOTIFICATIONS, "G1"));
                assertThat(r.verdict()).as("%d samples: %s", n, r.method()).isNotEqualTo(Verdict.LEAK);
                if (n == samples.size()) {
                    assertThat(r.verdict()).as(r.method()).isEqualTo(Verdict.NO_LEAK);
                    assertThat(r.method()).contains("plateau");
                }
            }
        }
    }

    /** Driftless random walks are the null the sign test is exact for: the bound adds few false alarms. */
    @Test
    void randomWalksWithoutDriftAreRarelySignificant() {
        int walks = 1000;
        int corrected = 0;
        int significant = 0;
        int bySign = 0;
        for (int seed = 0; seed < walks; seed++) {
            Random random = new Random(seed);
            int n = 60;
            double[] t = new double[n];
            double[] y = new double[n];
            double level = 100 * MB;
            for (int i = 0; i < n; i++) {
                t[i] = i * 5;
                level += MB * random.nextGaussian();
                y[i] = level;
            }
            RobustTrend trend = RobustTrend.fit(t, y);
            if (trend.autocorrelation() > RobustTrend.Z95 / Math.sqrt(n)) {
                corrected++;
            }
            if (trend.pGrowth() <= 1 - VerdictEngine.LEAK_CONFIDENCE) {
                significant++;
            }
            if (2 * RobustTrend.signTestP(y) <= 1 - VerdictEngine.LEAK_CONFIDENCE) {
                bySign++;
            }
        }
        System.out.printf("random walks: %d of %d corrected, %d significant at p <= 0.01, %d by the sign test%n",
                corrected, walks, significant, bySign);
        assertThat(corrected).as("random walks have autocorrelated residuals").isGreaterThan(walks / 2);
        // the sign-test route fires on at most half the level (0.5%) of driftless walks, plus sampling slack;
        // the corrected Mann-Kendall test itself calls about 15% of them significant, which is why a leak
        // verdict also needs relevance, growth in the last third and a minimum span (docs/leak-verdict.md)
        assertThat(bySign).isLessThanOrEqualTo(walks / 100);
        assertThat(significant).isLessThanOrEqualTo(walks / 5);
    }
}
