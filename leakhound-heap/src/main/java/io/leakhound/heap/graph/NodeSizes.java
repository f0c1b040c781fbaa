package io.leakhound.heap.graph;

/** Shallow size of each node. */
@FunctionalInterface
public interface NodeSizes {
    long size(long node);
}
