package io.leakhound.heap.graph;

import io.leakhound.heap.concurrent.Parallel;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;

/**
 * Retained sizes: per object, the bytes freed if it were gone (its shallow size plus that of every node it
 * dominates); per class, the retained size of the set of all its instances (instances dominated by another
 * instance of the same class are not counted twice). Also the dominator tree's children, for browsing.
 *
 * <p>Everything is computed in DFS preorder space, where a node's immediate dominator always has a smaller
 * number and is usually close: one backward pass accumulates retained sizes; per-class sums need two more
 * linear passes and a sweep (see {@link #perClass}).
 */
public final class RetainedSizes implements AutoCloseable {
    private static final String RETAINED = "retained";
    private static final String SUBTREE = "domtree-size";
    private static final String CLASSES = "domtree-class";
    /** Reachable nodes from which the backward pass runs on two threads; tests lower it to exercise the split. */
    static long parallelMinNodes = 1 << 20;
    private final DominatorTree tree;
    /** Retained bytes by preorder number; index 0 is the virtual root (all reachable bytes). */
    private final BigLongArray retainedPre;
    /** Number of nodes in each node's dominator subtree, by preorder number. */
    private final BigIntArray subtreePre;
    /** Class number by preorder number. */
    private final BigIntArray classPre;
    private final TempSpace space;

    private RetainedSizes(DominatorTree tree, BigLongArray retainedPre, BigIntArray subtreePre, BigIntArray classPre,
                          TempSpace space) {
        this.tree = tree;
        this.retainedPre = retainedPre;
        this.subtreePre = subtreePre;
        this.classPre = classPre;
        this.space = space;
    }

    /**
     * Has {@code space} allocate, in the background, the pages of the array of classes {@link #compute} will
     * need for {@code reachable} nodes (see {@link TempSpace#prepareZeros}). The retained sizes and subtree
     * sizes need none: they take the files of the dominator search's forest and semi-dominator arrays, closed
     * just before, whose pages are cached.
     */
    public static void prepare(TempSpace space, long reachable) {
        space.prepareZeros(CLASSES, (reachable + 1) << 2);
    }

    /**
     * One backward pass over preorder numbers: each node adds its shallow size and node count to what its
     * dominated nodes (all numbered higher, so already done) contributed, passes the totals to its dominator,
     * and records its class for {@link #perClass}. On large trees the upper half of the numbers runs on a second
     * thread ({@code sizes} and {@code classes} must allow that); what it passes to dominators in the lower half
     * is added along their ancestors afterwards.
     */
    public static RetainedSizes compute(DominatorTree tree, NodeSizes sizes, NodeClasses classes, TempSpace space) {
        long r = tree.reachableCount();
        BigLongArray retained = BigLongArray.dense(space, RETAINED, r + 1);
        BigIntArray subtree = BigIntArray.dense(space, SUBTREE, r + 1);
        BigIntArray classPre = BigIntArray.undefined(space, CLASSES, r + 1);
        classPre.set(0, 0);
        long total;
        if (r < Math.max(2, parallelMinNodes) || Runtime.getRuntime().availableProcessors() < 2) {
            total = accumulate(tree, sizes, classes, retained, subtree, classPre, 1, r + 1, null);
        } else {
            long split = (r + 2) / 2;
            retained.mapAll();
            subtree.mapAll();
            classPre.mapAll();
            tree.mapAll();
            AncestorSpill spill = new AncestorSpill();
            List<Long> halves = Parallel.run(2, k -> k == 0
                    ? accumulate(tree, sizes, classes, retained, subtree, classPre, 1, split, null)
                    : accumulate(tree, sizes, classes, retained, subtree, classPre, split, r + 1, spill));
            total = halves.get(0) + halves.get(1) + spill.addAlongAncestors(tree, retained, subtree);
        }
        retained.set(0, total);
        return new RetainedSizes(tree, retained, subtree, classPre, space);
    }

    /**
     * The backward pass over preorder numbers {@code [from, to)}; what goes to dominators below {@code from}
     * goes to {@code spill} instead. Returns the bytes passed to the virtual root.
     */
    private static long accumulate(DominatorTree tree, NodeSizes sizes, NodeClasses classes,
                                   BigLongArray retained, BigIntArray subtree, BigIntArray classPre, long from,
                                   long to, AncestorSpill spill) {
        long total = 0;
        for (long p = to - 1; p >= from; p--) {
            long node = tree.nodeInPreorder(p);
            long mine = retained.get(p) + sizes.size(node);
            long count = Integer.toUnsignedLong(subtree.get(p)) + 1;
            retained.set(p, mine);
            subtree.set(p, (int) count);
            classPre.set(p, classes.classOf(node));
            long d = tree.idomInPreorder(p);
            if (d >= from) {
                retained.set(d, retained.get(d) + mine);
                subtree.set(d, (int) (Integer.toUnsignedLong(subtree.get(d)) + count));
            } else if (d != 0) {
                spill.add(d, mine, count);
            } else {
                total += mine;
            }
        }
        return total;
    }

    /** Retained bytes of a node; 0 for unreachable nodes. */
    public long retained(long node) {
        long p = tree.preorderOf(node);
        return p == 0 ? 0 : retainedPre.get(p);
    }

    /** Retained bytes of the node with preorder number {@code p} (see {@link DominatorTree}). */
    public long retainedInPreorder(long p) {
        return retainedPre.get(p);
    }

    /** Sum of shallow sizes of all reachable nodes (the virtual root's retained size). */
    public long reachableBytes() {
        return retainedPre.get(0);
    }

    public DominatorTree tree() {
        return tree;
    }

    /**
     * The nodes each of {@code nodes} immediately dominates, in one pass over the tree; for
     * {@link DominatorTree#VIRTUAL_ROOT}, the top-level nodes.
     */
    public java.util.Map<Long, long[]> childrenOf(long[] nodes) {
        it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<LongArrayList> byParent =
                new it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<>();
        for (long node : nodes) {
            long p = node == DominatorTree.VIRTUAL_ROOT ? 0 : tree.preorderOf(node);
            if (p != 0 || node == DominatorTree.VIRTUAL_ROOT) {
                byParent.put(p, new LongArrayList());
            }
        }
        long r = tree.reachableCount();
        long[] isParent = new long[(int) ((r >>> 6) + 1)];
        for (long p : byParent.keySet()) {
            isParent[(int) (p >>> 6)] |= 1L << p;
        }
        for (long q = 1; q <= r; q++) {
            long d = tree.idomInPreorder(q);
            if ((isParent[(int) (d >>> 6)] & (1L << d)) != 0) {
                byParent.get(d).add(tree.nodeInPreorder(q));
            }
        }
        java.util.Map<Long, long[]> out = new java.util.HashMap<>();
        for (long node : nodes) {
            long p = node == DominatorTree.VIRTUAL_ROOT ? 0 : tree.preorderOf(node);
            LongArrayList kids = p != 0 || node == DominatorTree.VIRTUAL_ROOT ? byParent.get(p) : null;
            out.put(node, kids == null ? new long[0] : kids.toLongArray());
        }
        return out;
    }

    /** Number of nodes in the dominator subtree of the node with preorder number {@code p}. */
    public long subtreeInPreorder(long p) {
        return Integer.toUnsignedLong(subtreePre.get(p));
    }

    /** Class number of the node with preorder number {@code p}. */
    public int classInPreorder(long p) {
        return classPre.get(p);
    }

    /** Retained size per class (see {@link DominatorTreeOrder#perClass(int)}), laying out the tree for it. */
    public long[] perClass(int classCount, TempSpace scratch) {
        try (DominatorTreeOrder order = DominatorTreeOrder.compute(this, scratch)) {
            return order.perClass(classCount);
        }
    }

    /** Maps the arrays now, for reads from several threads. */
    void mapAll() {
        retainedPre.mapAll();
        subtreePre.mapAll();
        classPre.mapAll();
    }

    /** Unmaps the arrays until next use. */
    public void release() {
        retainedPre.release();
        subtreePre.release();
        classPre.release();
    }

    @Override
    public void close() {
        retainedPre.close();
        subtreePre.close();
        classPre.close();
    }
}
