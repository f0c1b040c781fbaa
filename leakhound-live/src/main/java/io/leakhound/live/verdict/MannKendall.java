package io.leakhound.live.verdict;

import java.util.Arrays;

/**
 * The Mann-Kendall trend statistic: S = Σ sign(y<sub>j</sub> − y<sub>i</sub>) over all pairs i &lt; j of a
 * time-ordered series, and its variance under "no trend" with the tie correction
 * (n(n−1)(2n+5) − Σ t(t−1)(2t+5)) / 18, t running over groups of equal values. Ties matter here: GC logs
 * round sizes to whole megabytes.
 */
final class MannKendall {
    private MannKendall() {
    }

    /** S for values in time order. */
    static long s(double[] y) {
        long s = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) {
                s += Double.compare(y[j], y[i]) > 0 ? 1 : y[j] < y[i] ? -1 : 0;
            }
        }
        return s;
    }

    /** The variance of S with the tie correction. */
    static double variance(double[] y) {
        double n = y.length;
        double v = n * (n - 1) * (2 * n + 5);
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            if (t > 1) {
                v -= t * (t - 1) * (2 * t + 5);
            }
            i = j + 1;
        }
        return v / 18;
    }
}
