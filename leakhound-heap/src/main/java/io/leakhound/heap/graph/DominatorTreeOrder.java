package io.leakhound.heap.graph;

import io.leakhound.heap.concurrent.Parallel;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.TempSpace;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The dominator tree laid out in a preorder of its own ("positions"): every node's dominator subtree is the
 * contiguous block of positions {@code [position, end)}, so children, whole subtrees and per-class sums
 * inside a subtree are read with sequential scans and no pointer-chasing. Nodes are named by their DFS
 * preorder number {@code p} as in {@link DominatorTree}; position 0 and {@code p = 0} are the virtual root.
 *
 * <p>Built in one forward pass from the subtree sizes of {@link RetainedSizes}: children get consecutive
 * blocks of their parent's range, in DFS order. Three int arrays of one entry per reachable node, in mapped
 * temp files; {@link #release()} drops them from the resident set between uses.
 */
public final class DominatorTreeOrder implements AutoCloseable {
    /** Positions from which the per-class sweep runs in two halves; tests lower it to exercise the split. */
    static long parallelMinPositions = 1 << 20;
    private static final String NODES = "domtree-node";
    private static final String ENDS = "domtree-end";
    private static final String NEXT = "domtree-next";
    private final RetainedSizes sizes;
    private final long reachable;
    /** position → preorder number. */
    private final BigIntArray byPosition;
    /** position → end of that node's block (exclusive). */
    private final BigIntArray endByPosition;
    /** preorder number → end of its block (exclusive); its position is end − subtree size. */
    private final BigIntArray endOfPre;

    private DominatorTreeOrder(RetainedSizes sizes, BigIntArray byPosition, BigIntArray endByPosition,
                               BigIntArray endOfPre) {
        this.sizes = sizes;
        this.reachable = sizes.tree().reachableCount();
        this.byPosition = byPosition;
        this.endByPosition = endByPosition;
        this.endOfPre = endOfPre;
    }

    /**
     * Has {@code space} allocate, in the background, the pages of the arrays {@link #compute} will need for
     * {@code reachable} nodes (see {@link TempSpace#prepareZeros}).
     */
    public static void prepare(TempSpace space, long reachable) {
        for (String name : new String[] {NODES, ENDS, NEXT}) {
            space.prepareZeros(name, (reachable + 1) << 2);
        }
    }

    /** Lays out the tree whose subtree sizes {@code sizes} holds. */
    public static DominatorTreeOrder compute(RetainedSizes sizes, TempSpace space) {
        DominatorTree tree = sizes.tree();
        long r = tree.reachableCount();
        // every position gets one node and next[d] is set before d's children read it: no zeros needed
        BigIntArray byPosition = BigIntArray.undefined(space, NODES, r + 1);
        BigIntArray endByPosition = BigIntArray.undefined(space, ENDS, r + 1);
        BigIntArray next = BigIntArray.undefined(space, NEXT, r + 1);
        long nextTopLevel = 1;
        for (long p = 1; p <= r; p++) {
            long subtree = sizes.subtreeInPreorder(p);
            long d = tree.idomInPreorder(p);
            long position;
            if (d == 0) {
                position = nextTopLevel;
                nextTopLevel += subtree;
            } else {
                position = Integer.toUnsignedLong(next.get(d));
                next.set(d, (int) (position + subtree));
            }
            next.set(p, (int) (position + 1));
            byPosition.set(position, (int) p);
            endByPosition.set(position, (int) (position + subtree));
        }
        // once every child has taken its block, next[p] is the end of p's block
        byPosition.set(0, 0);
        endByPosition.set(0, (int) (r + 1));
        next.set(0, (int) (r + 1));
        return new DominatorTreeOrder(sizes, byPosition, endByPosition, next);
    }

    /** Number of positions, the virtual root's included. */
    public long size() {
        return reachable + 1;
    }

    /** Position of the node with preorder number {@code p} (0 for the virtual root). */
    public long positionOf(long p) {
        return p == 0 ? 0 : endOf(p) - sizes.subtreeInPreorder(p);
    }

    /** End (exclusive) of the block of positions of {@code p}'s dominator subtree. */
    public long endOf(long p) {
        return Integer.toUnsignedLong(endOfPre.get(p));
    }

    /** Preorder number of the node at a position. */
    public long preorderAt(long position) {
        return Integer.toUnsignedLong(byPosition.get(position));
    }

    /** End (exclusive) of the subtree block starting at a position. */
    public long endAt(long position) {
        return Integer.toUnsignedLong(endByPosition.get(position));
    }

    /** Hands the preorder number of each child of {@code p} (0: the top-level nodes) to {@code child}. */
    public void forEachChild(long p, LongConsumer child) {
        long end = endOf(p);
        for (long q = positionOf(p) + 1; q < end; q = endAt(q)) {
            child.accept(preorderAt(q));
        }
    }

    /**
     * Retained size per class: for each class, the bytes retained by the set of all its reachable instances,
     * i.e. the sum over instances that no other instance of the class dominates. One sweep over positions: a
     * node counts for its class unless it lies inside the block of the last counted instance of that class
     * (blocks are nested or disjoint).
     */
    public long[] perClass(int classCount) {
        long size = size();
        if (size < parallelMinPositions || Runtime.getRuntime().availableProcessors() < 2) {
            return perClass(classCount, 0, size);
        }
        // two halves at once: the second starts from the state the sweep has at its first position, which only
        // the blocks spanning that position (the ancestors of its node) determine
        long split = size / 2;
        long[] activeAtSplit = new long[classCount];
        LongArrayList ancestors = new LongArrayList();
        DominatorTree tree = sizes.tree();
        for (long d = tree.idomInPreorder(preorderAt(split)); d != 0; d = tree.idomInPreorder(d)) {
            ancestors.add(d);
        }
        for (int i = ancestors.size() - 1; i >= 0; i--) {
            long position = positionOf(ancestors.getLong(i));
            int c = sizes.classInPreorder(ancestors.getLong(i));
            if (position >= activeAtSplit[c]) {
                activeAtSplit[c] = endAt(position);
            }
        }
        mapAll();
        sizes.mapAll();
        List<long[]> halves = Parallel.run(2, k -> k == 0
                ? sweep(classCount, 0, split, null, new long[classCount])
                : sweep(classCount, split, size, null, activeAtSplit));
        long[] result = halves.get(0);
        for (int c = 0; c < classCount; c++) {
            result[c] += halves.get(1)[c];
        }
        return result;
    }

    /** {@link #perClass(int)} restricted to the positions {@code [from, to)}, e.g. one node's subtree. */
    public long[] perClass(int classCount, long from, long to) {
        return perClass(classCount, from, to, null);
    }

    /**
     * {@link #perClass(int, long, long)}, also counting into {@code instances} (when not null) the instances
     * that were counted: those no other instance of their class in the range dominates.
     */
    public long[] perClass(int classCount, long from, long to, long[] instances) {
        return sweep(classCount, from, to, instances, new long[classCount]);
    }

    /**
     * The sweep over positions {@code [from, to)}; {@code activeUntil[c]} is where the block of the last counted
     * instance of class {@code c} ends (updated as the sweep goes).
     */
    private long[] sweep(int classCount, long from, long to, long[] instances, long[] activeUntil) {
        long[] result = new long[classCount];
        for (long position = Math.max(1, from); position < to; position++) {
            long p = preorderAt(position);
            int c = sizes.classInPreorder(p);
            if (position >= activeUntil[c]) {
                result[c] += sizes.retainedInPreorder(p);
                activeUntil[c] = endAt(position);
                if (instances != null) {
                    instances[c]++;
                }
            }
        }
        return result;
    }

    /** The retained sizes this order was built from. */
    public RetainedSizes sizes() {
        return sizes;
    }

    /** Maps the arrays now, for reads from several threads. */
    void mapAll() {
        byPosition.mapAll();
        endByPosition.mapAll();
        endOfPre.mapAll();
    }

    /** Unmaps the arrays until next use. */
    public void release() {
        byPosition.release();
        endByPosition.release();
        endOfPre.release();
    }

    @Override
    public void close() {
        byPosition.close();
        endByPosition.close();
        endOfPre.close();
    }
}
