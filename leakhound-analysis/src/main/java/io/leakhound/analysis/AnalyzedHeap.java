package io.leakhound.analysis;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ProgressListener;

/**
 * An indexed heap with its dominator tree and retained sizes: what every diagnosis works from. Closing it
 * frees the algorithm arrays, not the index.
 */
public final class AnalyzedHeap implements AutoCloseable {
    private final HeapIndex index;
    private final long[] rootNodes;
    private final DominatorTree tree;
    private final RetainedSizes retained;

    private AnalyzedHeap(HeapIndex index, long[] rootNodes, DominatorTree tree, RetainedSizes retained) {
        this.index = index;
        this.rootNodes = rootNodes;
        this.tree = tree;
        this.retained = retained;
    }

    public static AnalyzedHeap of(HeapIndex index, ProgressListener progress) {
        long[] roots = index.roots().distinctNodes();
        index.release();
        DominatorTree tree;
        RetainedSizes retained;
        // sizes and classes are gathered in preorder on the second core while the search runs
        try (RetainedSizes.Gather gather = new RetainedSizes.Gather(index::shallowSize, index::classNumberOf,
                index.objectCount(), index.temp())) {
            tree = DominatorTree.compute(index.graph(), roots, index.temp(), progress, gather);
            index.release();
            io.leakhound.heap.graph.Trace trace = new io.leakhound.heap.graph.Trace("retained");
            retained = RetainedSizes.compute(tree, gather, index.temp());
            trace.lap("per-object");
        }
        return new AnalyzedHeap(index, roots, tree, retained);
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

    @Override
    public void close() {
        retained.close();
        tree.close();
    }
}
