package io.leakhound.analysis;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.DominatorTreeOrder;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.graph.ShortestPaths;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ProgressListener;

/**
 * An indexed heap with its dominator tree, retained sizes and the tree's block layout: what every diagnosis works from. Closing it
 * frees the algorithm arrays, not the index.
 */
public final class AnalyzedHeap implements AutoCloseable {
    private final HeapIndex index;
    private final long[] rootNodes;
    private final DominatorTree tree;
    private final RetainedSizes retained;
    private final DominatorTreeOrder order;

    private AnalyzedHeap(HeapIndex index, long[] rootNodes, DominatorTree tree, RetainedSizes retained,
                         DominatorTreeOrder order) {
        this.index = index;
        this.rootNodes = rootNodes;
        this.tree = tree;
        this.retained = retained;
        this.order = order;
    }

    public static AnalyzedHeap of(HeapIndex index, ProgressListener progress) {
        long[] roots = index.roots().distinctNodes();
        index.release();
        // what follows the search runs on one core: the other allocates the pages of the arrays to come
        DominatorTree tree = DominatorTree.compute(index.graph(), roots, index.temp(), progress, reachable -> {
            RetainedSizes.prepare(index.temp(), reachable);
            DominatorTreeOrder.prepare(index.temp(), reachable);
            ShortestPaths.prepare(index.temp(), index.objectCount());
        });
        index.release();
        index.mapClassesAndSizes();  // read by two threads next
        io.leakhound.heap.graph.Trace trace = new io.leakhound.heap.graph.Trace("retained");
        RetainedSizes retained = RetainedSizes.compute(tree, index::shallowSize, index::classNumberOf, index.temp());
        trace.lap("per-object");
        tree.release();
        DominatorTreeOrder order = DominatorTreeOrder.compute(retained, index.temp());
        trace.lap("tree-order");
        return new AnalyzedHeap(index, roots, tree, retained, order);
    }

    public HeapIndex index() {
        return index;
    }

    /** Distinct GC root objects. */
    public long[] rootNodes() {
        return rootNodes.clone();
    }

    public DominatorTree tree() {
        return tree;
    }

    public RetainedSizes retained() {
        return retained;
    }

    /** The dominator tree laid out by subtree blocks: children, subtrees and per-class sums. */
    public DominatorTreeOrder order() {
        return order;
    }

    @Override
    public void close() {
        order.close();
        retained.close();
        tree.close();
    }
}
