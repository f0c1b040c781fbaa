package io.leakhound.heap.graph;

/** Class number of each node. */
@FunctionalInterface
public interface NodeClasses {
    int classOf(long node);
}
