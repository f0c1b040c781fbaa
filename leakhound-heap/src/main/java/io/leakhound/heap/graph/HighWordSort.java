package io.leakhound.heap.graph;

import io.leakhound.heap.concurrent.Parallel;
import io.leakhound.heap.store.BigLongArray;

/**
 * Sorts a prefix of a long array by the unsigned high 32 bits of each value, stably, with a least-significant
 * digit first radix sort: one counting pass and one scattering pass per digit of at most 13 bits, only as many
 * digits as the largest key needs (two for up to 67 M keys). Sequential reads, at most 8192 write streams per
 * pass, no comparison. Large inputs are counted and scattered by two threads, each over its half; the first
 * half's values go first in every bucket, so the sort stays stable.
 */
final class HighWordSort {
    private static final int MAX_DIGIT_BITS = 13;
    /** Values from which two threads share each pass; tests lower it to exercise the split. */
    static long parallelMinValues = 1 << 20;

    private HighWordSort() {
    }

    /**
     * Sorts {@code values[0..count)} by their high words, none above {@code maxKey}, using {@code scratch}
     * (at least {@code count} long) as the other buffer; returns whichever of the two holds the result.
     * Both arrays must be mapped ({@link BigLongArray#mapAll()}) when {@code count} reaches
     * {@link #parallelMinValues}.
     */
    static BigLongArray sort(BigLongArray values, BigLongArray scratch, long count, long maxKey) {
        int keyBits = 64 - Long.numberOfLeadingZeros(Math.max(1, maxKey));
        int passes = (keyBits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
        int digitBits = (keyBits + passes - 1) / passes;
        int buckets = 1 << digitBits;
        int parts = count >= parallelMinValues && Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
        long[] bounds = new long[parts + 1];
        for (int k = 0; k <= parts; k++) {
            bounds[k] = count * k / parts;
        }
        BigLongArray from = values;
        BigLongArray to = scratch;
        for (int pass = 0; pass < passes; pass++) {
            int shift = 32 + pass * digitBits;
            BigLongArray source = from;
            BigLongArray target = to;
            long[][] counts = new long[parts][];
            Parallel.run(parts, k -> counts[k] = count(source, bounds[k], bounds[k + 1], shift, buckets));
            long sum = 0;
            for (int b = 0; b < buckets; b++) {
                for (int k = 0; k < parts; k++) {
                    long c = counts[k][b];
                    counts[k][b] = sum;  // now where part k's values of bucket b start
                    sum += c;
                }
            }
            Parallel.run(parts, k -> {
                scatter(source, target, bounds[k], bounds[k + 1], shift, buckets, counts[k]);
                return null;
            });
            from = target;
            to = source;
        }
        return from;
    }

    private static long[] count(BigLongArray values, long from, long to, int shift, int buckets) {
        long[] counts = new long[buckets];
        int mask = buckets - 1;
        for (long i = from; i < to; i++) {
            counts[(int) (values.get(i) >>> shift) & mask]++;
        }
        return counts;
    }

    private static void scatter(BigLongArray values, BigLongArray target, long from, long to, int shift,
                                int buckets, long[] starts) {
        int mask = buckets - 1;
        for (long i = from; i < to; i++) {
            long v = values.get(i);
            target.set(starts[(int) (v >>> shift) & mask]++, v);
        }
    }
}
