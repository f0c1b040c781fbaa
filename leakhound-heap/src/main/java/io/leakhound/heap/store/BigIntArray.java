package io.leakhound.heap.store;

/** A long-indexed {@code int} array in a memory-mapped temp file; starts as zeros. */
public final class BigIntArray extends MappedArray {
    private static final int PER_CHUNK_SHIFT = CHUNK_SHIFT - 2;
    private static final long MASK = (1L << PER_CHUNK_SHIFT) - 1;

    /** A new array of zeros. */
    public BigIntArray(TempSpace space, String name, long length) {
        super(space, name, length, 2, Start.ZEROS);
    }

    private BigIntArray(TempSpace space, String name, long length, Start start) {
        super(space, name, length, 2, start);
    }

    /**
     * An array of zeros most of whose pages the caller will write: it may get a closed array's file,
     * cleared in place, which costs much less than new pages.
     */
    public static BigIntArray dense(TempSpace space, String name, long length) {
        return new BigIntArray(space, name, length, Start.DENSE_ZEROS);
    }

    /**
     * An array whose contents start undefined (possibly a closed array's data, which saves zeroing and
     * page allocation): only for callers that write every element before they read it.
     */
    public static BigIntArray undefined(TempSpace space, String name, long length) {
        return new BigIntArray(space, name, length, Start.UNDEFINED);
    }

    public int get(long i) {
        var one = single;
        if (one != null) {
            return one.getInt((int) i << 2);
        }
        return slowGet(i);
    }

    private int slowGet(long i) {
        int c = (int) (i >>> PER_CHUNK_SHIFT);
        var b = chunks[c];
        if (b == null) {
            b = map(c);
        }
        return b.getInt((int) (i & MASK) << 2);
    }

    public void set(long i, int v) {
        var one = single;
        if (one != null) {
            one.putInt((int) i << 2, v);
            return;
        }
        slowSet(i, v);
    }

    private void slowSet(long i, int v) {
        int c = (int) (i >>> PER_CHUNK_SHIFT);
        var b = chunks[c];
        if (b == null) {
            b = map(c);
        }
        b.putInt((int) (i & MASK) << 2, v);
    }

    public void fill(int v) {
        for (long i = 0; i < length(); i++) {
            set(i, v);
        }
    }
}
