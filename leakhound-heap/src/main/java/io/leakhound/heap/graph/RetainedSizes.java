package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.heap.store.TempSpace;

/**
 * Retained sizes: per object, the bytes freed if it were gone (its shallow size plus that of every node it
 * dominates), in one pass in reverse DFS preorder; per class, the retained size of the set of all its
 * instances (instances dominated by another instance of the same class are not counted twice), by a walk of
 * the dominator tree. Also gives the dominator tree's children for browsing.
 */
public final class RetainedSizes implements AutoCloseable {
    private final DominatorTree tree;
    private final BigLongArray retained;
    private final long reachableBytes;
    private CsrGraph children;

    private RetainedSizes(DominatorTree tree, BigLongArray retained, long reachableBytes) {
        this.tree = tree;
        this.retained = retained;
        this.reachableBytes = reachableBytes;
    }

    public static RetainedSizes compute(DominatorTree tree, NodeSizes sizes, TempSpace space) {
        long n = tree.nodeCount();
        BigLongArray retained = new BigLongArray(space, "retained", Math.max(1, n));
        long r = tree.reachableCount();
        for (long p = 1; p <= r; p++) {
            long node = tree.nodeInPreorder(p);
            retained.set(node, sizes.size(node));
        }
        long total = 0;
        for (long p = r; p >= 1; p--) {
            long node = tree.nodeInPreorder(p);
            long d = tree.idom(node);
            long mine = retained.get(node);
            if (d >= 0) {
                retained.set(d, retained.get(d) + mine);
            } else {
                total += mine;
            }
        }
        return new RetainedSizes(tree, retained, total);
    }

    /** Retained bytes of a node; 0 for unreachable nodes. */
    public long retained(long node) {
        return retained.get(node);
    }

    /** Sum of shallow sizes of all reachable nodes (the virtual root's retained size). */
    public long reachableBytes() {
        return reachableBytes;
    }

    public DominatorTree tree() {
        return tree;
    }

    /**
     * The dominator tree as a graph over {@code nodeCount() + 1} nodes: node {@code nodeCount()} is the virtual
     * root. Built on first use.
     */
    public CsrGraph children(TempSpace space) {
        if (children == null) {
            long n = tree.nodeCount();
            BigIntArray counts = new BigIntArray(space, "domtree-offsets", n + 2);
            long r = tree.reachableCount();
            for (long p = 1; p <= r; p++) {
                long d = parentSlot(tree.nodeInPreorder(p), n);
                counts.set(d, counts.get(d) + 1);
            }
            EdgeOffsets off = EdgeOffsets.fromCounts(space, counts, n + 1);
            BigIntArray kids = new BigIntArray(space, "domtree-children", Math.max(1, r));
            for (long p = 1; p <= r; p++) {
                long node = tree.nodeInPreorder(p);
                long d = parentSlot(node, n);
                long slot = off.get(d);
                kids.set(slot, (int) node);
                off.set(d, slot + 1);
            }
            for (long q = n; q >= 1; q--) {
                off.set(q, off.get(q - 1));
            }
            off.set(0, 0);
            children = new CsrGraph(n + 1, off, kids);
        }
        return children;
    }

    private long parentSlot(long node, long n) {
        long d = tree.idom(node);
        return d >= 0 ? d : n;
    }

    /**
     * Retained size per class: for each class, the bytes retained by the set of all its reachable instances.
     */
    public long[] perClass(NodeClasses classes, int classCount, TempSpace space) {
        Trace trace = new Trace("per-class");
        CsrGraph kids = children(space);
        trace.lap("children");
        long n = tree.nodeCount();
        long[] result = new long[classCount];
        int[] active = new int[classCount];
        try (BigIntArray stack = new BigIntArray(space, "class-retained-stack", tree.reachableCount() + 2);
             BigLongArray cursor = new BigLongArray(space, "class-retained-cursor", tree.reachableCount() + 2)) {
            long sp = 0;
            stack.set(sp, (int) n);
            cursor.set(sp, kids.start(n));
            sp++;
            while (sp > 0) {
                long u = Integer.toUnsignedLong(stack.get(sp - 1));
                long c = cursor.get(sp - 1);
                if (c < kids.end(u)) {
                    cursor.set(sp - 1, c + 1);
                    long child = kids.target(c);
                    int cls = classes.classOf(child);
                    if (active[cls] == 0) {
                        result[cls] += retained.get(child);
                    }
                    active[cls]++;
                    stack.set(sp, (int) child);
                    cursor.set(sp, kids.start(child));
                    sp++;
                } else {
                    sp--;
                    if (u != n) {
                        active[classes.classOf(u)]--;
                    }
                }
            }
        }
        trace.lap("walk");
        return result;
    }

    @Override
    public void close() {
        retained.close();
        if (children != null) {
            children.close();
        }
    }
}
