package io.leakhound.live.verdict;

/**
 * A Theil-Sen line with a Mann-Kendall test of growth, both made honest for autocorrelated series.
 *
 * <p>Mann-Kendall assumes independent samples. Memory series are rarely that: a live set drifts up and down
 * for minutes, and counting each sample of such a drift as independent evidence finds "significant" trends in
 * noise. So the variance of S is inflated by (1 + ρ)/(1 − ρ), ρ the lag-1 autocorrelation of the residuals
 * around the fitted line (the AR(1) effective-sample-size correction of Hamed and Rao, Yue and Wang), when ρ
 * is significantly positive (above 1.96/√n, as Yue and Wang apply it: in a short series a large ρ arises by
 * chance); ρ is capped at {@link #MAX_AUTOCORRELATION}.
 *
 * <p>That correction cannot tell a drift from a smooth curve: a live set that grows every single sample along
 * a slightly bent line (a leak whose full collections come ever more often as the heap fills) has residuals as
 * autocorrelated as a drift's, and the capped factor of 9 took a 14-sample monotone series to p = 0.012. So
 * when the correction applies, p is also bounded by a {@linkplain #signTestP sign test of the increments},
 * which holds even under a random walk (independent symmetric steps), the most autocorrelated null there is,
 * and is conservative for independent noise: p = min(corrected p, 2 × sign-test p). The factor 2 keeps the
 * chance of a false alarm from either route at most 1.5 times the level.
 *
 * @param slope Theil-Sen slope, bytes per second
 * @param intercept bytes at t = 0
 * @param lowerSlope lower bound of the 95% confidence interval of the slope
 * @param upperSlope upper bound of the 95% confidence interval of the slope
 * @param pGrowth one-sided p-value of "no growth" against "growth"
 * @param autocorrelation lag-1 autocorrelation of the residuals
 * @param n number of points
 */
record RobustTrend(double slope, double intercept, double lowerSlope, double upperSlope, double pGrowth,
        double autocorrelation, int n) {
    /**
     * Cap on ρ: beyond it the factor (1 + ρ)/(1 − ρ) = 9 would explode, and such residuals mean the line does
     * not fit at all (a curve, a step), which the plateau check handles.
     */
    static final double MAX_AUTOCORRELATION = 0.8;
    /** z of a two-sided 95% interval. */
    static final double Z95 = 1.959964;

    /** Fits points (t seconds, y bytes), t ascending and distinct. */
    static RobustTrend fit(double[] t, double[] y) {
        double[] slopes = TheilSen.pairwiseSlopes(t, y);
        double slope = TheilSen.median(slopes);
        double intercept = TheilSen.intercept(t, y, slope);
        double rho = lag1Autocorrelation(t, y, slope, intercept);
        double variance = MannKendall.variance(y);
        boolean corrected = rho > Z95 / Math.sqrt(t.length);
        if (corrected) {
            double r = Math.min(rho, MAX_AUTOCORRELATION);
            variance *= (1 + r) / (1 - r);
        }
        long s = MannKendall.s(y);
        double p;
        if (variance <= 0 || s == 0) {
            p = 0.5;
        } else {
            double z = (s - Math.signum(s)) / Math.sqrt(variance);
            p = 1 - Normal.cdf(z);
        }
        if (corrected) {
            p = Math.min(p, Math.min(1, 2 * signTestP(y)));
        }
        double[] bounds = TheilSen.confidenceBounds(slopes, Z95 * Math.sqrt(Math.max(variance, 0)));
        return new RobustTrend(slope, intercept, bounds[0], bounds[1], p, rho, t.length);
    }

    /** A standard error of the slope read off the 95% interval (half its width over 1.96), never 0. */
    double standardError() {
        double se = (upperSlope - lowerSlope) / (2 * Z95);
        return Double.isFinite(se) && se > 0 ? se : 1e-12;
    }

    /** The fitted value at time t. */
    double at(double t) {
        return intercept + slope * t;
    }

    /**
     * One-sided p of the sign test on consecutive increments: the chance of at least as many rises among the
     * non-zero steps if each step were up or down with probability ½, independently.
     */
    static double signTestP(double[] y) {
        int up = 0;
        int steps = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] != y[i - 1]) {
                steps++;
                if (y[i] > y[i - 1]) {
                    up++;
                }
            }
        }
        if (steps == 0) {
            return 1;
        }
        // P(X >= up), X ~ Binomial(steps, 1/2), summed in log space
        double logHalfPow = steps * Math.log(0.5);
        double tail = 0;
        double logChoose = 0; // log C(steps, k), starting at k = 0
        for (int k = 0; k <= steps; k++) {
            if (k > 0) {
                logChoose += Math.log(steps - k + 1) - Math.log(k);
            }
            if (k >= up) {
                tail += Math.exp(logChoose + logHalfPow);
            }
        }
        return Math.min(1, tail);
    }

    private static double lag1Autocorrelation(double[] t, double[] y, double slope, double intercept) {
        int n = t.length;
        if (n < 3) {
            return 0;
        }
        double[] r = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - intercept - slope * t[i];
            mean += r[i];
        }
        mean /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double d = r[i] - mean;
            den += d * d;
            if (i + 1 < n) {
                num += d * (r[i + 1] - mean);
            }
        }
        return den == 0 ? 0 : num / den;
    }
}
