package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.TempSpace;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * Shortest paths from the GC roots, by one breadth-first search from all roots at once over the strong
 * graph (weak referents are not edges of it). The search stops as soon as every requested target is found,
 * so paths to objects near the roots cost little even on a huge heap.
 */
public final class ShortestPaths implements AutoCloseable {
    private static final String PARENTS = "bfs-parent";
    private static final int ROOT = -1;

    private final BigIntArray parentPlusOne;

    private ShortestPaths(BigIntArray parentPlusOne) {
        this.parentPlusOne = parentPlusOne;
    }

    /**
     * Starts preparing, in the background, the pages of the search's array of zeros for a graph of
     * {@code nodes} nodes (see {@link TempSpace#prepareZeros}), for a search that will follow.
     */
    public static void prepare(TempSpace space, long nodes) {
        space.prepareZeros(PARENTS, Math.max(1, nodes) << 2);
    }

    /**
     * Searches until all {@code targets} are reached (all nodes when {@code targets} is null).
     *
     * @param roots distinct root nodes, searched in this order
     */
    public static ShortestPaths search(CsrGraph g, long[] roots, long[] targets, TempSpace space) {
        long n = g.nodeCount();
        BigIntArray parent = new BigIntArray(space, PARENTS, Math.max(1, n));
        LongOpenHashSet wanted = targets == null ? null : new LongOpenHashSet(targets);
        try (BigIntArray queue = BigIntArray.undefined(space, "bfs-queue", Math.max(1, n))) {
            long tail = 0;
            for (long r : roots) {
                if (parent.get(r) == 0) {
                    parent.set(r, ROOT);
                    queue.set(tail++, (int) r);
                    if (wanted != null) {
                        wanted.remove(r);
                    }
                }
            }
            long head = 0;
            while (head < tail && (wanted == null || !wanted.isEmpty())) {
                long u = Integer.toUnsignedLong(queue.get(head++));
                for (long e = g.start(u), end = g.end(u); e < end; e++) {
                    long v = g.target(e);
                    if (parent.get(v) == 0) {
                        parent.set(v, (int) (u + 1));
                        queue.set(tail++, (int) v);
                        if (wanted != null) {
                            wanted.remove(v);
                        }
                    }
                }
            }
        }
        return new ShortestPaths(parent);
    }

    /** The path from a root to {@code node}, root first; empty when the search did not reach it. */
    public long[] pathTo(long node) {
        LongArrayList path = new LongArrayList();
        long cur = node;
        int code = parentPlusOne.get(cur);
        if (code == 0) {
            return new long[0];
        }
        path.add(cur);
        while (code != ROOT) {
            cur = Integer.toUnsignedLong(code) - 1;
            path.add(cur);
            code = parentPlusOne.get(cur);
        }
        long[] out = path.toLongArray();
        for (int i = 0, j = out.length - 1; i < j; i++, j--) {
            long t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    @Override
    public void close() {
        parentPlusOne.close();
    }
}
