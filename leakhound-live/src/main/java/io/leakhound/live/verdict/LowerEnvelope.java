package io.leakhound.live.verdict;

import io.leakhound.live.series.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The floor of a sawtooth. Memory in use sampled at arbitrary moments (Go {@code HeapAlloc}, Lua's count, a
 * heap-used gauge, the heap after young GCs) rises between collections and drops at each; the live set is the
 * floor, and the teeth are noise whose phase alone can fake a trend over a short window.
 *
 * <p>A <em>drop</em> is a fall from one sample to the next of more than {@link #DROP_FRACTION} of the
 * 10th–90th percentile spread of the series around its trend line. Drops cut the series into cycles; each
 * cycle contributes its lowest sample, the one closest after a collection. Cycles follow the collector, so
 * irregular GC intervals are no problem. A series with fewer than {@link #MIN_DROPS} drops is no sawtooth
 * and is returned as is.
 */
final class LowerEnvelope {
    /**
     * A quarter of the spread: a collection removes a large part of what accumulated since the last one, so
     * its drop is most of the spread, while noise around a steady level rarely falls by a quarter of it twice
     * in a row.
     */
    static final double DROP_FRACTION = 0.25;
    /** At least two drops, i.e. one whole cycle between them, before the series is treated as a sawtooth. */
    static final int MIN_DROPS = 2;
    /** Points used to estimate the trend the spread is measured around. */
    private static final int DETREND_POINTS = 400;

    private LowerEnvelope() {
    }

    /** The lowest sample of each cycle, in time order; the input itself when it is no sawtooth. */
    static List<Sample> troughs(List<Sample> samples) {
        int n = samples.size();
        if (n < 3) {
            return samples;
        }
        double threshold = DROP_FRACTION * spreadAroundTrend(samples);
        if (!(threshold > 0)) {
            return samples;
        }
        List<Sample> troughs = new ArrayList<>();
        Sample low = samples.get(0);
        int drops = 0;
        for (int i = 1; i < n; i++) {
            Sample s = samples.get(i);
            if (s.bytes() < samples.get(i - 1).bytes() - threshold) {
                drops++;
                troughs.add(low);
                low = s;
            } else if (s.bytes() < low.bytes()) {
                low = s;
            }
        }
        troughs.add(low);
        return drops >= MIN_DROPS ? troughs : samples;
    }

    private static double spreadAroundTrend(List<Sample> samples) {
        int n = samples.size();
        int step = Math.max(1, n / DETREND_POINTS);
        int m = (n + step - 1) / step;
        double[] t = new double[m];
        double[] y = new double[m];
        long t0 = samples.get(0).timeMillis();
        for (int i = 0, k = 0; i < n && k < m; i += step, k++) {
            t[k] = (samples.get(i).timeMillis() - t0) / 1000.0;
            y[k] = samples.get(i).bytes();
        }
        double slope = TheilSen.median(TheilSen.pairwiseSlopes(t, y));
        if (!Double.isFinite(slope)) {
            slope = 0;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = samples.get(i).bytes() - slope * (samples.get(i).timeMillis() - t0) / 1000.0;
        }
        Arrays.sort(r);
        return r[(int) (0.9 * (n - 1))] - r[(int) (0.1 * (n - 1))];
    }
}
