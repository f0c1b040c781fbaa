package io.leakhound.live.verdict;

/**
 * The verdict on one series, the fields of the {@code trend}/{@code watch} JSON contract.
 *
 * @param verdict leak, no-leak or not-enough-data
 * @param growthBytesPerHour the Theil-Sen slope the verdict rests on: of the whole window, or of its last
 *                           third (or last two thirds) when growth stopped there (0 when there was nothing to
 *                           fit)
 * @param confidence confidence in the verdict, 0..1 (see {@code docs/leak-verdict.md}); 0 for
 *                   not-enough-data
 * @param secondsToLimit seconds until the fitted trend reaches the limit; null unless the verdict is leak and
 *                       a limit is known
 * @param samples samples the fit used (after warm-up, lower envelope and thinning)
 * @param method how the verdict was reached, one line
 * @param limitBytes the limit used (given, or from the series, e.g. a GC log's max heap), or null
 * @param liveBytes the fitted level at the last sample, or null when nothing was fitted
 * @param windowSeconds the time span of the samples used
 * @param pGrowth one-sided Mann-Kendall p-value for growth over the window (NaN when nothing was fitted)
 */
public record TrendResult(Verdict verdict, double growthBytesPerHour, double confidence, Long secondsToLimit,
        int samples, String method, Long limitBytes, Long liveBytes, double windowSeconds, double pGrowth) {
}
