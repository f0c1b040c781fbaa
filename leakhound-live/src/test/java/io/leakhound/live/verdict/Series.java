package io.leakhound.live.verdict;

import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/** Synthetic series for the engine's tests: a shape in bytes over seconds, sampled at a step, with noise. */
final class Series {
    static final long MB = 1 << 20;

    private Series() {
    }

    /** {@code shape(t seconds)} in bytes sampled every {@code stepSeconds} for {@code seconds}, plus N(0, noise²). */
    static MemorySeries of(SeriesKind kind, double seconds, double stepSeconds, DoubleUnaryOperator shape,
            double noiseBytes, long seed) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        long start = 1_700_000_000_000L;
        for (double t = 0; t <= seconds; t += stepSeconds) {
            double v = shape.applyAsDouble(t) + noiseBytes * random.nextGaussian();
            samples.add(new Sample(start + Math.round(t * 1000), Math.max(0, Math.round(v))));
        }
        return new MemorySeries(samples, kind, null, SeriesFormat.CSV, "synthetic");
    }

    /** A young-GC style sawtooth: from {@code floor(t)} up by {@code rise} bytes per second, back every period. */
    static DoubleUnaryOperator sawtooth(DoubleUnaryOperator floor, double rise, double periodSeconds) {
        return t -> floor.applyAsDouble(t) + rise * (t % periodSeconds);
    }
}
