package io.leakhound.heap.graph;

/**
 * Receives reachable nodes with their DFS preorder numbers while the dominator computation numbers them, on
 * another thread: a place to gather per-node data in preorder on an otherwise idle core. Each {@code p} is
 * delivered once, in increasing order.
 */
@FunctionalInterface
public interface PreorderSink {
    void accept(long p, long node);

    /**
     * Called once every node has been delivered, when the rest of the dominator computation starts running
     * on one core: a place to start background work for what follows.
     *
     * @param reachable number of reachable nodes
     */
    default void serialPhaseStarting(long reachable) {
    }
}
