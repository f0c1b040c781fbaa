package io.leakhound.heap.store;

/**
 * Start offsets of each node's edges in a CSR edge array ({@code length = nodes + 1}). Stored as unsigned
 * 32-bit values while the edge count fits (4 bytes per node), as 64-bit values otherwise.
 */
public final class EdgeOffsets implements AutoCloseable {
    /** Name of the array of offsets, for {@link TempSpace#prepareZeros}. */
    public static final String NAME = "offsets";
    private final BigIntArray narrow;
    private final BigLongArray wide;

    private EdgeOffsets(BigIntArray narrow, BigLongArray wide) {
        this.narrow = narrow;
        this.wide = wide;
    }

    /**
     * Turns per-node counts (in {@code counts[0..nodes-1]}, length nodes + 1) into start offsets in place
     * when the total fits in 32 bits, else into a new 64-bit array (closing {@code counts}).
     */
    public static EdgeOffsets fromCounts(TempSpace space, BigIntArray counts, long nodes) {
        long total = 0;
        for (long i = 0; i < nodes; i++) {
            total += Integer.toUnsignedLong(counts.get(i));
        }
        if (total < 0xFFFF_FFFFL) {
            long sum = 0;
            for (long i = 0; i < nodes; i++) {
                long c = Integer.toUnsignedLong(counts.get(i));
                counts.set(i, (int) sum);
                sum += c;
            }
            counts.set(nodes, (int) sum);
            return new EdgeOffsets(counts, null);
        }
        BigLongArray wide = BigLongArray.undefined(space, NAME, nodes + 1);
        long sum = 0;
        for (long i = 0; i < nodes; i++) {
            long c = Integer.toUnsignedLong(counts.get(i));
            wide.set(i, sum);
            sum += c;
        }
        wide.set(nodes, sum);
        counts.close();
        return new EdgeOffsets(null, wide);
    }

    /**
     * Allocates offsets for {@code length} entries able to hold values up to {@code maxValue}; their contents
     * start undefined: the caller sets every entry before reading it.
     */
    public static EdgeOffsets allocate(TempSpace space, long length, long maxValue) {
        if (maxValue < 0xFFFF_FFFFL) {
            return new EdgeOffsets(BigIntArray.undefined(space, NAME, length), null);
        }
        return new EdgeOffsets(null, BigLongArray.undefined(space, NAME, length));
    }

    public long get(long i) {
        return narrow != null ? Integer.toUnsignedLong(narrow.get(i)) : wide.get(i);
    }

    public void set(long i, long v) {
        if (narrow != null) {
            narrow.set(i, (int) v);
        } else {
            wide.set(i, v);
        }
    }

    public void mapAll() {
        if (narrow != null) {
            narrow.mapAll();
        } else {
            wide.mapAll();
        }
    }

    public void release() {
        if (narrow != null) {
            narrow.release();
        } else {
            wide.release();
        }
    }

    @Override
    public void close() {
        if (narrow != null) {
            narrow.close();
        } else {
            wide.close();
        }
    }
}
