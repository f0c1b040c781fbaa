package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigLongArray;

/**
 * Sorts a prefix of a long array by the unsigned high 32 bits of each value, stably, with a least-significant
 * digit first radix sort: one counting pass and one scattering pass per 11-bit digit, only as many digits as
 * the largest key needs. Sequential reads, 2048 write streams per pass, no comparison.
 */
final class HighWordSort {
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private HighWordSort() {
    }

    /**
     * Sorts {@code values[0..count)} by their high words, none above {@code maxKey}, using {@code scratch}
     * (at least {@code count} long) as the other buffer; returns whichever of the two holds the result.
     */
    static BigLongArray sort(BigLongArray values, BigLongArray scratch, long count, long maxKey) {
        int keyBits = 64 - Long.numberOfLeadingZeros(Math.max(1, maxKey));
        BigLongArray from = values;
        BigLongArray to = scratch;
        long[] starts = new long[BUCKETS];
        for (int shift = 32; shift < 32 + keyBits; shift += DIGIT_BITS) {
            java.util.Arrays.fill(starts, 0);
            for (long i = 0; i < count; i++) {
                starts[(int) (from.get(i) >>> shift) & (BUCKETS - 1)]++;
            }
            long sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                long c = starts[b];
                starts[b] = sum;
                sum += c;
            }
            for (long i = 0; i < count; i++) {
                long v = from.get(i);
                to.set(starts[(int) (v >>> shift) & (BUCKETS - 1)]++, v);
            }
            BigLongArray t = from;
            from = to;
            to = t;
        }
        return from;
    }
}
