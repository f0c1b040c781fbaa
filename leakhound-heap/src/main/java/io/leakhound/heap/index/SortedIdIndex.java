package io.leakhound.heap.index;

import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;

/**
 * Id index for any id distribution: the ids sorted (LSD radix sort, no per-object objects) plus a bucket
 * table over the id range, so a lookup is one bucket read and a binary search over a handful of ids.
 * Used when ids are not 8-byte-aligned addresses or are spread too thinly for a bitmap.
 */
public final class SortedIdIndex implements IdIndex {
    private final BigLongArray sorted;
    private final long size;
    private final long min;
    private final int shift;
    private final BigLongArray bucketStarts;
    private final long buckets;

    private SortedIdIndex(BigLongArray sorted, long size, long min, int shift, BigLongArray bucketStarts, long buckets) {
        this.sorted = sorted;
        this.size = size;
        this.min = min;
        this.shift = shift;
        this.bucketStarts = bucketStarts;
        this.buckets = buckets;
    }

    /** Builds the index; {@code ids} is consumed (sorted in place and owned by the index). */
    public static SortedIdIndex build(TempSpace space, BigLongArray ids, long count, long min, long max) {
        BigLongArray scratch = new BigLongArray(space, "idsort", Math.max(1, count));
        BigLongArray a = ids;
        BigLongArray b = scratch;
        long range = max - min;
        int significantBits = 64 - Long.numberOfLeadingZeros(Math.max(1, range));
        for (int pass = 0; pass * 16 < significantBits; pass++) {
            int sh = pass * 16;
            long[] counts = new long[1 << 16];
            for (long i = 0; i < count; i++) {
                counts[(int) (((a.get(i) - min) >>> sh) & 0xFFFF)]++;
            }
            long sum = 0;
            for (int k = 0; k < counts.length; k++) {
                long c = counts[k];
                counts[k] = sum;
                sum += c;
            }
            for (long i = 0; i < count; i++) {
                long v = a.get(i);
                b.set(counts[(int) (((v - min) >>> sh) & 0xFFFF)]++, v);
            }
            BigLongArray t = a;
            a = b;
            b = t;
        }
        b.close();
        long unique = 0;
        for (long i = 0; i < count; i++) {
            long v = a.get(i);
            if (unique == 0 || a.get(unique - 1) != v) {
                a.set(unique++, v);
            }
        }
        int shift = 0;
        while ((range >>> shift) > Math.max(1, unique >>> 2)) {
            shift++;
        }
        long buckets = (range >>> shift) + 2;
        BigLongArray starts = new BigLongArray(space, "idbuckets", buckets + 1);
        long pos = 0;
        for (long bucket = 0; bucket <= buckets; bucket++) {
            while (pos < unique && ((a.get(pos) - min) >>> shift) < bucket) {
                pos++;
            }
            starts.set(bucket, pos);
        }
        return new SortedIdIndex(a, unique, min, shift, starts, buckets);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long indexOf(long id) {
        long off = id - min;
        if (off < 0) {
            return -1;
        }
        long bucket = off >>> shift;
        if (bucket >= buckets) {
            return -1;
        }
        long lo = bucketStarts.get(bucket);
        long hi = bucketStarts.get(bucket + 1) - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long v = sorted.get(mid);
            if (v < id) {
                lo = mid + 1;
            } else if (v > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public long idAt(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("object index " + index + " of " + size);
        }
        return sorted.get(index);
    }

    @Override
    public void mapAll() {
        sorted.mapAll();
        bucketStarts.mapAll();
    }

    @Override
    public void close() {
        sorted.close();
        bucketStarts.close();
    }
}
