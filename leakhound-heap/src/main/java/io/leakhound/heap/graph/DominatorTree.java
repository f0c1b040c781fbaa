package io.leakhound.heap.graph;

import io.leakhound.heap.concurrent.Parallel;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.PageToucher;
import io.leakhound.heap.store.TempSpace;
import java.util.function.LongConsumer;

/**
 * The dominator tree of a graph from a virtual root whose successors are the given roots, computed with the
 * Semi-NCA algorithm (Georgiadis; semi-dominators as in Lengauer–Tarjan with path compression, then
 * immediate dominators as nearest common ancestors) in preorder space, iteratively. Nodes not reachable from
 * the roots have no dominator.
 */
public final class DominatorTree implements AutoCloseable {
    /** Returned by {@link #idom(long)} for nodes whose immediate dominator is the virtual root. */
    public static final long VIRTUAL_ROOT = -2;
    /** Returned by {@link #idom(long)} for nodes not reachable from any root. */
    public static final long UNREACHABLE = -1;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final String SEMI = "dom-semi";
    private static final String LINK = "dom-link";
    /**
     * {@code pre} of a leaf (a node without successors) not yet visited: the search numbers a leaf where it
     * finds it instead of stacking it, and unvisited leaves stay marked so (read as unreachable).
     */
    private static final int UNVISITED_LEAF = -1;

    private final long nodes;
    private final long reachable;
    /** node → DFS preorder number, 0 for unreachable nodes. */
    private final BigIntArray pre;
    /** preorder number → node. */
    private final BigIntArray preorder;
    /** preorder number → preorder number of the immediate dominator, 0 for the virtual root. */
    private final BigIntArray idomPre;

    private DominatorTree(long nodes, long reachable, BigIntArray pre, BigIntArray preorder, BigIntArray idomPre) {
        this.nodes = nodes;
        this.reachable = reachable;
        this.pre = pre;
        this.preorder = preorder;
        this.idomPre = idomPre;
    }

    public long nodeCount() {
        return nodes;
    }

    /** Nodes reachable from the roots. */
    public long reachableCount() {
        return reachable;
    }

    /** The immediate dominator of a node, {@link #VIRTUAL_ROOT} or {@link #UNREACHABLE}. */
    public long idom(long node) {
        long p = preorderOf(node);
        if (p == 0) {
            return UNREACHABLE;
        }
        long d = Integer.toUnsignedLong(idomPre.get(p));
        return d == 0 ? VIRTUAL_ROOT : Integer.toUnsignedLong(preorder.get(d));
    }

    public boolean isReachable(long node) {
        return preorderOf(node) != 0;
    }

    /** DFS preorder number of a reachable node ({@code 1..reachableCount()}), 0 for unreachable nodes. */
    public long preorderOf(long node) {
        int p = pre.get(node);
        return p == UNVISITED_LEAF ? 0 : Integer.toUnsignedLong(p);
    }

    /**
     * Preorder number of the immediate dominator of the node with preorder number {@code p}; 0 means the
     * virtual root. Always smaller than {@code p}, so one pass in either direction over preorder numbers
     * visits dominators before (or after) everything they dominate.
     */
    public long idomInPreorder(long p) {
        return Integer.toUnsignedLong(idomPre.get(p));
    }

    /** The reachable node with DFS preorder number {@code p} ({@code 1..reachableCount()}); idom(p) precedes p. */
    public long nodeInPreorder(long p) {
        return Integer.toUnsignedLong(preorder.get(p));
    }

    /**
     * Computes the tree.
     *
     * @param roots distinct root nodes
     */
    public static DominatorTree compute(CsrGraph g, long[] roots, TempSpace space, ProgressListener progress) {
        return compute(g, roots, space, progress, null);
    }

    /**
     * Computes the tree, calling {@code serialPhaseStarting} (when not null) with the number of reachable nodes
     * once the search is done and the rest runs on one core: a place to start background work for what follows.
     */
    @SuppressWarnings("try") // arrays are closed early, as soon as a phase is done with them, to free memory
    public static DominatorTree compute(CsrGraph g, long[] roots, TempSpace space, ProgressListener progress,
                                        LongConsumer serialPhaseStarting) {
        Trace trace = new Trace("dominators");
        long n = g.nodeCount();
        // every entry of these is written before it is read (index 0, the virtual root's, explicitly)
        BigIntArray vertex = BigIntArray.undefined(space, "dom-vertex", n + 1);
        BigIntArray parent = BigIntArray.undefined(space, "dom-parent", n + 1);
        BigIntArray stack = BigIntArray.undefined(space, "dom-stack", n + 1);
        vertex.set(0, 0);
        parent.set(0, 0);
        long r;
        BigIntArray pre = BigIntArray.undefined(space, "dom-pre", Math.max(1, n));
        markLeaves(g, pre);
        // the search leaves most of the other core idle: it allocates the pages of the arrays that come next,
        // sized for every node reachable (most are)
        space.prepareZeros(SEMI, (n + 1) << 2);
        space.prepareZeros(LINK, (n + 1) << 3);
        trace.lap("leaves");
        BigLongArray crossEdges = BigLongArray.undefined(space, "dom-cross", g.edgeCount() + roots.length + 1);
        long crossCount;
        try (BigLongArray cursor = BigLongArray.undefined(space, "dom-cursor", n + 1)) {
            long[] cross = new long[1];
            vertex.mapAll();
            parent.mapAll();
            // the search fills these front to back; the idle part of the other core allocates their pages
            PageToucher toucher = PageToucher.start((n + 1) << 2, vertex, parent);
            try {
                r = depthFirst(g, roots, pre, vertex, parent, stack, cursor, crossEdges, cross, progress);
            } finally {
                toucher.stop();
            }
            crossCount = cross[0];
        }
        trace.lap("dfs");
        g.release();
        pre.release();
        // predecessor lists: the cross edges sorted by target; the loop below walks them from the end
        BigLongArray scratch = BigLongArray.undefined(space, "dom-cross-sorted", Math.max(1, crossCount));
        crossEdges.mapAll();
        scratch.mapAll();
        BigLongArray byTarget = HighWordSort.sort(crossEdges, scratch, crossCount, r);
        (byTarget == crossEdges ? scratch : crossEdges).close();
        trace.lap("predecessors");
        progress.progress("dominators", 1, 3);
        if (serialPhaseStarting != null) {
            serialPhaseStarting.accept(r);
        }
        try (BigLongArray link = BigLongArray.undefined(space, LINK, r + 1);
             BigIntArray semi = BigIntArray.undefined(space, SEMI, r + 1);
             byTarget) {
            link.mapAll();
            semiDominators(r, parent, byTarget, crossCount, link, semi, stack);
            trace.lap("semidominators");
            progress.progress("dominators", 2, 3);
            link.close();
            stack.close();
            immediateDominators(r, parent, semi);
        }
        trace.lap("nca");
        progress.progress("dominators", 3, 3);
        return new DominatorTree(n, r, pre, vertex, parent);
    }

    /**
     * Semi-dominators in reverse preorder, from the predecessor lists ({@code byTarget}: cross edges sorted by
     * target) and the DFS parents; links each node into the forest as it goes. Kept out of {@link #compute}
     * (as is each phase's loop) so the JIT compiles a small method, not the whole computation on every
     * on-stack replacement.
     */
    private static void semiDominators(long r, BigIntArray parent, BigLongArray byTarget, long crossCount,
                                       BigLongArray link, BigIntArray semi, BigIntArray stack) {
        long next = crossCount - 1;
        for (long w = r; w >= 1; w--) {
            int pw = parent.get(w);
            long s = Integer.toUnsignedLong(pw);
            long end = next + 1;
            while (next >= 0 && (byTarget.get(next) >>> 32) == w) {
                next--;
            }
            long begin = next + 1;
            // first every predecessor whose forest ancestor is unprocessed (its label is the answer): loads
            // that do not depend on each other, so the processor overlaps their cache misses
            boolean deeper = false;
            for (long e = begin; e < end; e++) {
                long v = byTarget.get(e) & LOW;
                long lv = v <= w ? v : link.get(v);
                boolean climb = (lv >>> 32) > w;
                deeper |= climb;
                s = Math.min(s, climb ? LOW : lv & LOW);
            }
            if (deeper) {
                for (long e = begin; e < end; e++) {
                    long v = byTarget.get(e) & LOW;
                    if (v > w && (link.get(v) >>> 32) > w) {
                        s = Math.min(s, eval(v, w, link, stack));
                    }
                }
            }
            semi.set(w, (int) s);
            link.set(w, (Integer.toUnsignedLong(pw) << 32) | s);
        }
    }

    /**
     * Turns {@code idom} (holding DFS parents) into immediate dominators in preorder: each node's is the
     * nearest ancestor of its parent in the dominator tree not below its semi-dominator.
     */
    private static void immediateDominators(long r, BigIntArray idom, BigIntArray semi) {
        for (long w = 1; w <= r; w++) {
            long i = Integer.toUnsignedLong(idom.get(w));
            long s = Integer.toUnsignedLong(semi.get(w));
            while (i > s) {
                i = Integer.toUnsignedLong(idom.get(i));
            }
            idom.set(w, (int) i);
        }
    }

    /** Sets {@code pre} to 0 for every node with successors and to {@link #UNVISITED_LEAF} for the rest. */
    private static void markLeaves(CsrGraph g, BigIntArray pre) {
        long n = g.nodeCount();
        pre.mapAll();
        int parts = n >= 1L << 22 ? 2 : 1;
        Parallel.run(parts, k -> {
            long from = n * k / parts;
            long to = n * (k + 1) / parts;
            long start = from < to ? g.start(from) : 0;
            for (long v = from; v < to; v++) {
                long end = g.end(v);
                pre.set(v, end == start ? UNVISITED_LEAF : 0);
                start = end;
            }
            return null;
        });
    }

    /**
     * Minimum semi-dominator label on the forest path from {@code v} (processed) up to its tree root, with path
     * compression. {@code link} packs each node's forest ancestor (high half) and label (low half), so one
     * random read gives both.
     */
    private static long eval(long v, long w, BigLongArray link, BigIntArray stack) {
        long lv = link.get(v);
        if ((lv >>> 32) <= w) {
            return lv & LOW;
        }
        long top = 0;
        long x = v;
        long lx = lv;
        while ((lx >>> 32) > w) {
            stack.set(top++, (int) x);
            x = lx >>> 32;
            lx = link.get(x);
        }
        while (top > 0) {
            long y = Integer.toUnsignedLong(stack.get(--top));
            long ly = link.get(y);
            long lay = link.get(ly >>> 32);
            long label = Math.min(lay & LOW, ly & LOW);
            link.set(y, (lay & ~LOW) | label);
        }
        return link.get(v) & LOW;
    }

    /**
     * Iterative DFS from the virtual root (preorder 0); returns the number of reachable nodes. Every edge is
     * classified as it is examined: a tree edge discovers its target, whose only needed predecessor is then
     * the DFS parent; every other edge (to an already numbered node) is appended to {@code cross} as
     * {@code (pre(target) << 32) | pre(source)}, so predecessor lists need no second look at the graph.
     */
    private static long depthFirst(CsrGraph g, long[] roots, BigIntArray pre, BigIntArray vertex,
                                   BigIntArray parent, BigIntArray stack, BigLongArray cursor,
                                   BigLongArray cross, long[] crossCount, ProgressListener progress) {
        long count = 0;
        long crossed = 0;
        long sp = 0;
        stack.set(sp, 0);
        cursor.set(sp, 0);
        sp++;
        long nextReport = 1 << 22;
        while (sp > 0) {
            long p = Integer.toUnsignedLong(stack.get(sp - 1));
            long cur = cursor.get(sp - 1);
            long w = -1;
            if (p == 0) {
                while (cur < roots.length) {
                    long t = roots[(int) cur++];
                    int q = pre.get(t);
                    if (q == 0) {
                        w = t;
                        break;
                    }
                    if (q == UNVISITED_LEAF) {
                        count = visitLeaf(t, 0, count, pre, vertex, parent);
                        continue;
                    }
                    cross.set(crossed++, Integer.toUnsignedLong(q) << 32);
                }
            } else {
                long v = Integer.toUnsignedLong(vertex.get(p));
                long end = g.end(v);
                while (cur < end) {
                    long t = g.target(cur++);
                    int q = pre.get(t);
                    if (q == 0) {
                        w = t;
                        break;
                    }
                    if (q == UNVISITED_LEAF) {
                        count = visitLeaf(t, p, count, pre, vertex, parent);
                        continue;
                    }
                    cross.set(crossed++, (Integer.toUnsignedLong(q) << 32) | p);
                }
            }
            if (w < 0) {
                sp--;
                continue;
            }
            cursor.set(sp - 1, cur);
            count++;
            pre.set(w, (int) count);
            vertex.set(count, (int) w);
            parent.set(count, (int) p);
            stack.set(sp, (int) count);
            cursor.set(sp, g.start(w));
            sp++;
            if (count >= nextReport) {
                nextReport += 1 << 22;
                progress.progress("dominators", 0, 3);
            }
        }
        crossCount[0] = crossed;
        return count;
    }

    /**
     * Numbers a leaf found from {@code p}: its whole visit, since it has no successors to stack it for.
     * Returns the new count.
     */
    private static long visitLeaf(long t, long p, long count, BigIntArray pre, BigIntArray vertex,
                                  BigIntArray parent) {
        long c = count + 1;
        pre.set(t, (int) c);
        vertex.set(c, (int) t);
        parent.set(c, (int) p);
        return c;
    }

    /** Maps the tree's arrays now, for reads from several threads. */
    public void mapAll() {
        pre.mapAll();
        preorder.mapAll();
        idomPre.mapAll();
    }

    /** Unmaps the tree's arrays until next use, shrinking the resident set between phases. */
    public void release() {
        pre.release();
        preorder.release();
        idomPre.release();
    }

    @Override
    public void close() {
        pre.close();
        preorder.close();
        idomPre.close();
    }
}
