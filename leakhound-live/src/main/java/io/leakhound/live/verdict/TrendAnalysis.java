package io.leakhound.live.verdict;

import io.leakhound.live.series.Sample;
import java.util.List;

/**
 * A verdict with what it was computed from, for drawing it ({@code leakhound trend --html}): the samples the
 * engine read, where warm-up ended, the points the fit used and the fitted lines.
 *
 * @param result the verdict, as {@link VerdictEngine#decide} returns it
 * @param samples every sample, sorted by time, samples at the same time merged into the smallest
 * @param warmupEndMillis samples before this time were skipped as warm-up (the first sample's time when
 *                        there were too few samples to skip any)
 * @param used the points the fit used: after warm-up, lower envelope and thinning (may be empty)
 * @param fit the trend fitted over {@code used}; null when nothing was fitted
 * @param recentFit the fit of the last third that the plateau check made; null when it was not made
 */
public record TrendAnalysis(TrendResult result, List<Sample> samples, long warmupEndMillis, List<Sample> used,
        Line fit, Line recentFit) {
    public TrendAnalysis {
        samples = List.copyOf(samples);
        used = List.copyOf(used);
    }

    /**
     * A fitted straight line over a time range.
     *
     * @param startMillis time of the first point fitted (the line's origin)
     * @param endMillis time of the last point fitted
     * @param interceptBytes fitted bytes at {@code startMillis}
     * @param slopeBytesPerSecond fitted growth, bytes per second
     */
    public record Line(long startMillis, long endMillis, double interceptBytes, double slopeBytesPerSecond) {
        /** The fitted bytes at a time (extrapolated outside the range). */
        public double at(long timeMillis) {
            return interceptBytes + slopeBytesPerSecond * (timeMillis - startMillis) / 1000.0;
        }
    }
}
