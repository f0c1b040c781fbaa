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
