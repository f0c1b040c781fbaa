package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.EdgeOffsets;

/**
 * A directed graph in compressed sparse row form: the successors of node {@code n} are
 * {@code target(e)} for {@code e} in {@code [start(n), end(n))}. Node numbers are stored as unsigned 32-bit
 * values, so a graph holds up to 2^32 - 2 nodes; edge counts are unbounded.
 *
 * <p>The edge array may come in consecutive segments (one per range of the dump scanned in parallel), so the
 * ranges' edges need not be copied into one array: edge {@code e} is in the last segment starting at or
 * before it.
 */
public final class CsrGraph implements AutoCloseable {
    private final long nodes;
    private final EdgeOffsets offsets;
    private final BigIntArray[] segments;
    /** First edge of each segment; {@code starts[0] == 0}. */
    private final long[] starts;
    private final BigIntArray first;
    /** First edge not in the first segment. */
    private final long firstEnd;

    public CsrGraph(long nodes, EdgeOffsets offsets, BigIntArray targets) {
        this(nodes, offsets, new BigIntArray[] {targets}, new long[] {0});
    }

    /**
     * A graph whose edge array is {@code segments}, segment {@code i} holding the edges from {@code starts[i]}
     * on ({@code starts} ascending from 0).
     */
    public CsrGraph(long nodes, EdgeOffsets offsets, BigIntArray[] segments, long[] starts) {
        if (segments.length == 0 || segments.length != starts.length || starts[0] != 0) {
            throw new IllegalArgumentException("segments must start at edge 0, one start each");
        }
        this.nodes = nodes;
        this.offsets = offsets;
        this.segments = segments.clone();
        this.starts = starts.clone();
        this.first = segments[0];
        this.firstEnd = segments.length > 1 ? starts[1] : Long.MAX_VALUE;
    }

    public long nodeCount() {
        return nodes;
    }

    public long edgeCount() {
        return offsets.get(nodes);
    }

    public long start(long node) {
        return offsets.get(node);
    }

    public long end(long node) {
        return offsets.get(node + 1);
    }

    public long target(long edge) {
        if (edge < firstEnd) {
            return Integer.toUnsignedLong(first.get(edge));
        }
        int s = segments.length - 1;
        while (starts[s] > edge) {
            s--;
        }
        return Integer.toUnsignedLong(segments[s].get(edge - starts[s]));
    }

    /** Unmaps the arrays until next use. */
    public void release() {
        offsets.release();
        for (BigIntArray s : segments) {
            s.release();
        }
    }

    @Override
    public void close() {
        offsets.close();
        for (BigIntArray s : segments) {
            s.close();
        }
    }
}
