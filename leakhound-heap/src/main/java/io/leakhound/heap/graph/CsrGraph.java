package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.EdgeOffsets;

/**
 * A directed graph in compressed sparse row form: the successors of node {@code n} are
 * {@code target(e)} for {@code e} in {@code [start(n), end(n))}. Node numbers are stored as unsigned 32-bit
 * values, so a graph holds up to 2^32 - 2 nodes; edge counts are unbounded.
 */
public final class CsrGraph implements AutoCloseable {
    private final long nodes;
    private final EdgeOffsets offsets;
    private final BigIntArray targets;

    public CsrGraph(long nodes, EdgeOffsets offsets, BigIntArray targets) {
        this.nodes = nodes;
        this.offsets = offsets;
        this.targets = targets;
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
        return Integer.toUnsignedLong(targets.get(edge));
    }

    /** Unmaps the arrays until next use. */
    public void release() {
        offsets.release();
        targets.release();
    }

    @Override
    public void close() {
        offsets.close();
        targets.close();
    }
}
