package io.leakhound.heap.store;

/** A long-indexed {@code long} array in a memory-mapped temp file; starts as zeros. */
public final class BigLongArray extends MappedArray {
    private static final int PER_CHUNK_SHIFT = CHUNK_SHIFT - 3;
    private static final long MASK = (1L << PER_CHUNK_SHIFT) - 1;

    /** A new array of zeros. */
    public BigLongArray(TempSpace space, String name, long length) {
        super(space, name, length, 3, Start.ZEROS);
    }

    private BigLongArray(TempSpace space, String name, long length, Start start) {
        super(space, name, length, 3, start);
    }

    /**
     * An array of zeros most of whose pages the caller will write: it may get a closed array's file,
     * cleared in place, which costs much less than new pages.
     */
    public static BigLongArray dense(TempSpace space, String name, long length) {
        return new BigLongArray(space, name, length, Start.DENSE_ZEROS);
    }

    /**
     * An array whose contents start undefined (possibly a closed array's data, which saves zeroing and
     * page allocation): only for callers that write every element before they read it.
     */
    public static BigLongArray undefined(TempSpace space, String name, long length) {
        return new BigLongArray(space, name, length, Start.UNDEFINED);
    }

    public long get(long i) {
        var one = single;
        if (one != null) {
            return one.getLong((int) i << 3);
        }
        return slowGet(i);
    }

    private long slowGet(long i) {
        int c = (int) (i >>> PER_CHUNK_SHIFT);
        var b = chunks[c];
        if (b == null) {
            b = map(c);
        }
        return b.getLong((int) (i & MASK) << 3);
    }

    public void set(long i, long v) {
        var one = single;
        if (one != null) {
            one.putLong((int) i << 3, v);
            return;
        }
        slowSet(i, v);
    }

    private void slowSet(long i, long v) {
        int c = (int) (i >>> PER_CHUNK_SHIFT);
        var b = chunks[c];
        if (b == null) {
            b = map(c);
        }
        b.putLong((int) (i & MASK) << 3, v);
    }

    public void add(long i, long delta) {
        set(i, get(i) + delta);
    }
}
