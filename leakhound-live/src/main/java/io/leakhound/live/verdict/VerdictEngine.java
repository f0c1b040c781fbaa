package io.leakhound.live.verdict;

import io.leakhound.live.series.ByteSizes;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides leak / no-leak / not-enough-data for a memory series.
 *
 * <ol>
 * <li>Sort by time; samples at the same time become one (the smallest).</li>
 * <li>Skip warm-up: the first {@link #WARMUP_FRACTION} of the time span, at most {@link #WARMUP_MAX_MILLIS}.</li>
 * <li>Raw usage and after-young-GC series: keep their {@link LowerEnvelope lower envelope}, one trough per GC
 * cycle. Live-set series are used as they are.</li>
 * <li>More than {@link #MAX_FIT_POINTS} points: medians of consecutive groups.</li>
 * <li>Fit a {@link RobustTrend} (Theil-Sen slope, Mann-Kendall test with tie and autocorrelation corrections).
 * Growth must be significant ({@link #LEAK_CONFIDENCE}) and relevant (at least {@link #MIN_GROWTH_FRACTION}
 * of the level over the window).</li>
 * <li>Plateau check: fit the last {@link #RECENT_FRACTION} of the window alone. Leak only when growth goes on
 * there: at least {@link #PERSIST_RATIO} of the overall slope or of the earlier two thirds' own slope, whichever
 * is steeper (a filled cache's plateau drags the overall slope down, not the earlier one), itself relevant,
 * significant at
 * {@link #RECENT_CONFIDENCE}. When the recent slope's upper 95% bound is below that, growth has stopped (a
 * cache that filled up): no-leak, also when the overall growth was only suspected (0.01 &lt; p ≤ 0.10).
 * The last two thirds are also fitted against the first third: their upper bound below half the first
 * third's slope (or below relevance) is a plateau too, even if the last third still creeps up (G1 settling
 * after a cache filled). A slow leak after a fast warm-up is then no-leak until the window has moved past
 * the warm-up. Anything between is not-enough-data.</li>
 * <li>A series of heap after young GCs alone never yields leak: its growth may be old-generation garbage.</li>
 * <li>Minimum span: growth that passes all the checks over less than {@link #minLeakSpanMillis()} of data
 * (default {@link #DEFAULT_MIN_LEAK_SPAN_MILLIS}) is not-enough-data with its rate, not leak. A cache filling
 * up to its bound grows exactly like a leak until it is full; only time tells them apart, and the plateau check
 * needs the fill to have ended before the last third of the window.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class VerdictEngine {
    /**
     * Fewer points than this give no verdict. With eight points a monotone series has a one-sided Mann-Kendall
     * p of about 0.0004 and one with two inversions 0.002, so a real trend reaches {@link #LEAK_CONFIDENCE}
     * under some noise; with fewer, one outlier decides. Eight live-set samples are eight full or mixed
     * collections, which a small leaking service reaches in seconds and a large one in hours.
     */
    public static final int MIN_SAMPLES = 8;
    /** The plateau check needs at least this many points in the recent part (taken from the end if fewer). */
    public static final int MIN_RECENT_SAMPLES = 5;
    /** The earlier part's own slope is compared with when it has at least this many points. */
    static final int MIN_EARLIER_SAMPLES = 3;
    /**
     * Share of the time span skipped as warm-up. Start-up loads classes, fills caches and pools and JIT code
     * caches: growth that is real but ends. A tenth keeps most of the data and removes the steepest part.
     */
    public static final double WARMUP_FRACTION = 0.10;
    /** Warm-up never exceeds 15 minutes: services are warm by then, and long series should not lose hours. */
    public static final long WARMUP_MAX_MILLIS = 15 * 60 * 1000L;
    /**
     * One-sided confidence of growth needed for leak (p ≤ 0.01). A leak verdict may page someone or fail a
     * build; one false alarm in a hundred flat series is the most we accept, and the plateau and relevance
     * checks come on top.
     */
    public static final double LEAK_CONFIDENCE = 0.99;
    /**
     * Growth this close to significance (p ≤ 0.10) and relevant in size is reported as not-enough-data, not
     * no-leak: the series leans towards a leak and more samples will tell.
     */
    public static final double SUSPECT_CONFIDENCE = 0.90;
    /** The plateau check looks at the last third of the window: recent enough, and still a third of the points. */
    public static final double RECENT_FRACTION = 1.0 / 3;
    /**
     * Growth "goes on" when the recent slope is at least half the overall one and half the earlier part's. A leak
     * driven by steady traffic keeps its rate; a filling cache slows towards zero. Half leaves room for noise in
     * the shorter fit.
     */
    public static final double PERSIST_RATIO = 0.5;
    /**
     * One-sided confidence of growth needed in the recent part alone (p ≤ 0.05): a third of the points carries
     * less evidence, and the whole window has already passed {@link #LEAK_CONFIDENCE}. At p ≤ 0.10, one flat
     * plateau in ten after a filled cache passed on noise alone, and so did a G1 live set drifting up before a
     * full collection; a leaking series is far below either bound. Five monotone points reach p ≈ 0.014.
     */
    public static final double RECENT_CONFIDENCE = 0.95;
    /**
     * Growth over the window below 2% of the level is not called a leak, however significant: fragmentation,
     * tenuring and slowly warming caches move a live set that much, and such a leak would take more than 50
     * windows to double the heap. Longer windows catch slower leaks.
     */
    public static final double MIN_GROWTH_FRACTION = 0.02;
    /** The fit is O(n²) in time and memory; beyond this many points, groups of consecutive points are merged. */
    public static final int MAX_FIT_POINTS = 2000;

    /**
     * Leak needs at least one minute of data. With the plateau check looking at the last third, a cache that
     * fills for up to 40 s and then stays flat is never called a leak, while a leak of 1 MB/s on a small heap
     * is named before it fills the heap. Services whose caches take longer to warm need a longer span.
     */
    public static final long DEFAULT_MIN_LEAK_SPAN_MILLIS = 60_000;

    private static final double HOUR = 3600;

    private final long minLeakSpanMillis;

    /** An engine with the {@linkplain #DEFAULT_MIN_LEAK_SPAN_MILLIS default minimum span}. */
    public VerdictEngine() {
        this(DEFAULT_MIN_LEAK_SPAN_MILLIS);
    }

    /** @param minLeakSpanMillis leak only on series at least this long (first to last sample); 0 for no minimum */
    public VerdictEngine(long minLeakSpanMillis) {
        if (minLeakSpanMillis < 0) {
            throw new IllegalArgumentException("negative minimum span: " + minLeakSpanMillis);
        }
        this.minLeakSpanMillis = minLeakSpanMillis;
    }

    /** The least time a series must span before it can be called a leak. */
    public long minLeakSpanMillis() {
        return minLeakSpanMillis;
    }

    /** The verdict with the series' own limit (if any). */
    public TrendResult decide(MemorySeries series) {
        return decide(series, null);
    }

    /**
     * The verdict on a series.
     *
     * @param limitBytes memory limit for the time-to-limit forecast; null to use the series' own limit
     */
    public TrendResult decide(MemorySeries series, Long limitBytes) {
        return analyze(series, limitBytes).result();
    }

    /**
     * The verdict on a series with what it rests on: the samples, the warm-up cut, the points fitted and the
     * fitted lines. {@code analyze(s, l).result()} is {@code decide(s, l)}.
     *
     * @param limitBytes memory limit for the time-to-limit forecast; null to use the series' own limit
     */
    public TrendAnalysis analyze(MemorySeries series, Long limitBytes) {
        Long limit = limitBytes != null ? limitBytes : series.limitBytes();
        List<Sample> sorted = mergeSameTimes(series.samples());
        if (sorted.size() < MIN_SAMPLES) {
            return new TrendAnalysis(notEnough(limit, sorted.size(), 0, String.format(Locale.ROOT,
                    "only %d samples; at least %d are needed", sorted.size(), MIN_SAMPLES)), sorted,
                    sorted.isEmpty() ? 0 : sorted.get(0).timeMillis(), List.of(), null, null);
        }
        long t0 = sorted.get(0).timeMillis();
        long span = sorted.get(sorted.size() - 1).timeMillis() - t0;
        long warmup = Math.min(Math.round(span * WARMUP_FRACTION), WARMUP_MAX_MILLIS);
        List<Sample> window = new ArrayList<>();
        for (Sample s : sorted) {
            if (s.timeMillis() >= t0 + warmup) {
                window.add(s);
            }
        }
        boolean envelope = series.kind() != SeriesKind.LIVE_SET;
        int afterWarmup = window.size();
        if (envelope) {
            window = LowerEnvelope.troughs(window);
        }
        window = thin(window, MAX_FIT_POINTS);
        String what = describe(series.kind(), window.size(), afterWarmup);
        if (window.size() < MIN_SAMPLES) {
            return new TrendAnalysis(notEnough(limit, window.size(), 0, String.format(Locale.ROOT,
                    "only %s after %s of warm-up; at least %d are needed", what, Durations.format(warmup / 1000.0),
                    MIN_SAMPLES)), sorted, t0 + warmup, window, null, null);
        }
        Fit full = Fit.of(window);
        Drawn drawn = new Drawn(sorted, t0 + warmup, window, full.line());
        double level = Math.max(1, median(full.y));
        double windowSeconds = full.t[full.t.length - 1];
        String context = String.format(Locale.ROOT, "Theil-Sen slope over %s in %s (after %s of warm-up),"
                + " Mann-Kendall p=%s", what, Durations.format(windowSeconds), Durations.format(warmup / 1000.0),
                p(full.trend.pGrowth()));
        Long live = Math.round(full.trend.at(windowSeconds));
        double relevantSlope = MIN_GROWTH_FRACTION * level / windowSeconds;
        RobustTrend f = full.trend;
        boolean relevant = f.slope() >= relevantSlope;
        boolean significant = f.slope() > 0 && f.pGrowth() <= 1 - LEAK_CONFIDENCE;
        boolean suspected = f.slope() > 0 && f.pGrowth() <= 1 - SUSPECT_CONFIDENCE;
        if (!relevant || !suspected) {
            String why = relevant ? "no significant growth"
                    : String.format(Locale.ROOT, "growth below %.0f%% of the level (%s) over the window",
                            MIN_GROWTH_FRACTION * 100, ByteSizes.format(level));
            double confidence = Normal.cdf((relevantSlope - f.slope()) / f.standardError());
            return drawn.with(new TrendResult(Verdict.NO_LEAK, f.slope() * HOUR, confidence, null, window.size(),
                    context + "; " + why, limit, live, windowSeconds, f.pGrowth()));
        }
        List<Sample> recentSamples = recentPart(window, windowSeconds);
        Fit recent = Fit.of(recentSamples);
        drawn = drawn.withRecent(recent.line());
        RobustTrend r = recent.trend;
        List<Sample> earlierSamples = window.subList(0, window.size() - recentSamples.size());
        double earlierSlope = earlierSamples.size() >= MIN_EARLIER_SAMPLES ? Fit.of(earlierSamples).trend.slope() : 0;
        double referenceSlope = Math.max(f.slope(), earlierSlope);
        double persistSlope = PERSIST_RATIO * referenceSlope;
        String recentText = String.format(Locale.ROOT, "last %s grows at %.0f%% of %s rate (p=%s)",
                Durations.format(recent.t[recent.t.length - 1]), 100 * r.slope() / referenceSlope,
                referenceSlope > f.slope() ? "the earlier" : "that", p(r.pGrowth()));
        double goesOnSlope = Math.max(persistSlope, relevantSlope);
        if (r.upperSlope() < goesOnSlope) {
            double confidence = Normal.cdf((goesOnSlope - r.slope()) / r.standardError());
            return drawn.with(new TrendResult(Verdict.NO_LEAK, r.slope() * HOUR, confidence, null, window.size(),
                    context + "; growth stopped (plateau): " + recentText, limit, live, windowSeconds,
                    f.pGrowth()));
        }
        Fit[] split = splitAtFirstThird(window, windowSeconds);
        if (split != null) {
            RobustTrend early = split[0].trend;
            RobustTrend late = split[1].trend;
            double slowedBelow = Math.max(PERSIST_RATIO * early.slope(), relevantSlope);
            if (early.slope() > 0 && late.upperSlope() < slowedBelow) {
                double confidence = Normal.cdf((slowedBelow - late.slope()) / late.standardError());
                return drawn.with(new TrendResult(Verdict.NO_LEAK, late.slope() * HOUR, confidence, null,
                        window.size(), context + String.format(Locale.ROOT, "; growth slowed (plateau): the last"
                                + " %s grow at %.0f%% of the first third's rate (p=%s), as a filled cache settles",
                                Durations.format(split[1].t[split[1].t.length - 1]),
                                100 * late.slope() / early.slope(), p(late.pGrowth())),
                        limit, live, windowSeconds, f.pGrowth()));
            }
        }
        if (!significant) {
            return drawn.with(new TrendResult(Verdict.NOT_ENOUGH_DATA, f.slope() * HOUR, 0, null, window.size(),
                    context + "; growth suspected but not yet significant", limit, live, windowSeconds,
                    f.pGrowth()));
        }
        if (r.slope() >= goesOnSlope && r.pGrowth() <= 1 - RECENT_CONFIDENCE) {
            if (series.kind() == SeriesKind.AFTER_YOUNG_GC) {
                return drawn.with(new TrendResult(Verdict.NOT_ENOUGH_DATA, f.slope() * HOUR, 0, null, window.size(),
                        context + "; " + recentText + "; but too few full or mixed collections to tell live"
                                + " objects from old-generation garbage, which grows like this too: wait for more",
                        limit, live, windowSeconds, f.pGrowth()));
            }
            if (span < minLeakSpanMillis) {
                return drawn.with(new TrendResult(Verdict.NOT_ENOUGH_DATA, f.slope() * HOUR, 0, null, window.size(),
                        context + "; " + recentText + String.format(Locale.ROOT, "; but only %s of data: a cache"
                                + " filling up grows like this until it is full, and leak needs %s",
                                Durations.format(span / 1000.0), Durations.format(minLeakSpanMillis / 1000.0)),
                        limit, live, windowSeconds, f.pGrowth()));
            }
            Long toLimit = null;
            if (limit != null && limit > 0) {
                toLimit = Math.max(0, Math.round((limit - live) / f.slope()));
            }
            return drawn.with(new TrendResult(Verdict.LEAK, f.slope() * HOUR, 1 - f.pGrowth(), toLimit, window.size(),
                    context + "; " + recentText, limit, live, windowSeconds, f.pGrowth()));
        }
        return drawn.with(new TrendResult(Verdict.NOT_ENOUGH_DATA, f.slope() * HOUR, 0, null, window.size(),
                context + "; grew, but the " + recentText + ": too uncertain to tell whether it still grows",
                limit, live, windowSeconds, f.pGrowth()));
    }

    /** What a verdict was computed from, once there is a fit. */
    private record Drawn(List<Sample> samples, long warmupEnd, List<Sample> used, TrendAnalysis.Line fit,
            TrendAnalysis.Line recent) {
        Drawn(List<Sample> samples, long warmupEnd, List<Sample> used, TrendAnalysis.Line fit) {
            this(samples, warmupEnd, used, fit, null);
        }

        Drawn withRecent(TrendAnalysis.Line line) {
            return new Drawn(samples, warmupEnd, used, fit, line);
        }

        TrendAnalysis with(TrendResult result) {
            return new TrendAnalysis(result, samples, warmupEnd, used, fit, recent);
        }
    }

    private static String describe(SeriesKind kind, int used, int read) {
        switch (kind) {
            case LIVE_SET: return used + " live-set samples";
            case AFTER_YOUNG_GC: return used + " troughs of " + read + " after-GC samples";
            default: return used == read ? used + " samples" : used + " troughs of " + read + " samples";
        }
    }

    private static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.2g", p);
    }

    private static TrendResult notEnough(Long limit, int samples, double window, String why) {
        return new TrendResult(Verdict.NOT_ENOUGH_DATA, 0, 0, null, samples, why, limit, null, window, Double.NaN);
    }

    /**
     * Fits of the first third of the window and of the last two thirds, or null when either is too short: a
     * plateau that began early is seen over twice the points the last third has, which noisy collectors (G1
     * in a small heap) need before the flat part is told from slow growth.
     */
    private static Fit[] splitAtFirstThird(List<Sample> window, double windowSeconds) {
        long cut = window.get(0).timeMillis() + Math.round(windowSeconds * 1000 / 3);
        int at = 0;
        while (at < window.size() && window.get(at).timeMillis() < cut) {
            at++;
        }
        if (at < MIN_EARLIER_SAMPLES || window.size() - at < MIN_RECENT_SAMPLES) {
            return null;
        }
        return new Fit[] {Fit.of(window.subList(0, at)), Fit.of(window.subList(at, window.size()))};
    }

    /** The last {@link #RECENT_FRACTION} of the window, at least {@link #MIN_RECENT_SAMPLES} points. */
    private static List<Sample> recentPart(List<Sample> window, double windowSeconds) {
        long end = window.get(window.size() - 1).timeMillis();
        long from = end - Math.round(windowSeconds * 1000 * RECENT_FRACTION);
        int first = window.size() - MIN_RECENT_SAMPLES;
        while (first > 0 && window.get(first - 1).timeMillis() >= from) {
            first--;
        }
        return window.subList(Math.max(0, first), window.size());
    }

    private static List<Sample> mergeSameTimes(List<Sample> samples) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
        List<Sample> merged = new ArrayList<>(sorted.size());
        for (Sample s : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).timeMillis() == s.timeMillis()) {
                if (s.bytes() < merged.get(last).bytes()) {
                    merged.set(last, s);
                }
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    /** Groups of consecutive points replaced by (middle time, median bytes) until at most {@code max} remain. */
    static List<Sample> thin(List<Sample> samples, int max) {
        if (samples.size() <= max) {
            return samples;
        }
        int group = (samples.size() + max - 1) / max;
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += group) {
            List<Sample> g = samples.subList(i, Math.min(samples.size(), i + group));
            long[] bytes = g.stream().mapToLong(Sample::bytes).sorted().toArray();
            out.add(new Sample(g.get(g.size() / 2).timeMillis(), bytes[bytes.length / 2]));
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return TheilSen.median(sorted);
    }

    /** Points in seconds from the first one, and their fit. */
    private static final class Fit {
        final double[] t;
        final double[] y;
        final RobustTrend trend;
        final long t0;

        private Fit(long t0, double[] t, double[] y) {
            this.t0 = t0;
            this.t = t;
            this.y = y;
            this.trend = RobustTrend.fit(t, y);
        }

        /** The fitted line in the samples' own time. */
        TrendAnalysis.Line line() {
            return new TrendAnalysis.Line(t0, t0 + Math.round(t[t.length - 1] * 1000), trend.intercept(),
                    trend.slope());
        }

        static Fit of(List<Sample> samples) {
            long t0 = samples.get(0).timeMillis();
            double[] t = new double[samples.size()];
            double[] y = new double[samples.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = (samples.get(i).timeMillis() - t0) / 1000.0;
                y[i] = samples.get(i).bytes();
            }
            return new Fit(t0, t, y);
        }
    }
}
