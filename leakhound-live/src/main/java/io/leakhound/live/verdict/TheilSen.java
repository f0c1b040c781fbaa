package io.leakhound.live.verdict;

import java.util.Arrays;

/**
 * The Theil-Sen estimator: the slope is the median of the slopes between all pairs of points, the intercept
 * the median of y − slope·t. Up to 29% of the points can be arbitrarily wrong without moving it, which
 * ordinary least squares cannot say of one point. Its confidence interval (Sen 1968) takes order statistics of
 * the pairwise slopes around the median, C = z·√Var(S) of them on each side.
 */
final class TheilSen {
    private TheilSen() {
    }

    /** The sorted slopes between all pairs of points with different times. O(n²) memory: keep n to a few thousand. */
    static double[] pairwiseSlopes(double[] t, double[] y) {
        int n = t.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dt = t[j] - t[i];
                if (dt != 0) {
                    slopes[k++] = (y[j] - y[i]) / dt;
                }
            }
        }
        double[] used = k == slopes.length ? slopes : Arrays.copyOf(slopes, k);
        Arrays.sort(used);
        return used;
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The intercept that goes with {@code slope}: median of y − slope·t. */
    static double intercept(double[] t, double[] y, double slope) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = y[i] - slope * t[i];
        }
        Arrays.sort(r);
        return median(r);
    }

    /**
     * Sen's confidence bounds: {lower, upper} from the sorted pairwise slopes, {@code c} = z·√Var(S) the
     * number of order statistics to go out on each side of the median.
     */
    static double[] confidenceBounds(double[] sortedSlopes, double c) {
        int n = sortedSlopes.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int lower = (int) Math.floor((n - c) / 2) - 1;
        int upper = (int) Math.ceil((n + c) / 2);
        return new double[] {sortedSlopes[Math.max(0, Math.min(n - 1, lower))],
                sortedSlopes[Math.max(0, Math.min(n - 1, upper))]};
    }
}
