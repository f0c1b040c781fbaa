package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.index.ProgressListener;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.heap.store.TempSpace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks dominators, retained sizes and shortest paths against brute force on many random small graphs. */
class DominatorTreeTest {
    private TempSpace space;

    @BeforeEach
    void setUp() {
        space = TempSpace.create(null);
    }

    @AfterEach
    void tearDown() {
        space.close();
    }

    static CsrGraph graph(TempSpace space, List<List<Integer>> adj) {
        int n = adj.size();
        BigIntArray counts = new BigIntArray(space, "t-off", n + 1);
        for (int i = 0; i < n; i++) {
            counts.set(i, adj.get(i).size());
        }
        EdgeOffsets off = EdgeOffsets.fromCounts(space, counts, n);
        BigIntArray targets = new BigIntArray(space, "t-edges", Math.max(1, off.get(n)));
        for (int i = 0; i < n; i++) {
            long pos = off.get(i);
            for (int t : adj.get(i)) {
                targets.set(pos++, t);
            }
        }
        return new CsrGraph(n, off, targets);
    }

    /** Reachable set from roots, skipping node {@code removed} (-1 for none) and nodes in {@code removedSet}. */
    static boolean[] reach(List<List<Integer>> adj, long[] roots, int removed, boolean[] removedSet) {
        boolean[] seen = new boolean[adj.size()];
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (long r : roots) {
            int ri = (int) r;
            if (ri != removed && (removedSet == null || !removedSet[ri]) && !seen[ri]) {
                seen[ri] = true;
                q.add(ri);
            }
        }
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int v : adj.get(u)) {
                if (v != removed && (removedSet == null || !removedSet[v]) && !seen[v]) {
                    seen[v] = true;
                    q.add(v);
                }
            }
        }
        return seen;
    }

    @Test
    void matchesBruteForceOnRandomGraphs() {
        Random rnd = new Random(42);
        for (int round = 0; round < 400; round++) {
            int n = 1 + rnd.nextInt(40);
            double density = rnd.nextDouble() * 3;
            List<List<Integer>> adj = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Integer> out = new ArrayList<>();
                int deg = (int) (rnd.nextDouble() * density * 2);
                for (int k = 0; k < deg; k++) {
                    out.add(rnd.nextInt(n));
                }
                adj.add(out);
            }
            int rootCount = 1 + rnd.nextInt(Math.min(3, n));
            long[] roots = rnd.ints(0, n).distinct().limit(rootCount).asLongStream().toArray();
            long[] sizes = new long[n];
            int[] cls = new int[n];
            for (int i = 0; i < n; i++) {
                sizes[i] = 8 + 8L * rnd.nextInt(10);
                cls[i] = rnd.nextInt(4);
            }
            check(adj, roots, sizes, cls);
        }
    }

    @Test
    void handlesLongChainsWithoutRecursion() {
        int n = 200_000;
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(i + 1 < n ? List.of(i + 1) : List.of());
        }
        try (CsrGraph g = graph(space, adj);
             DominatorTree t = DominatorTree.compute(g, new long[] {0}, space, ProgressListener.NONE);
             RetainedSizes rs = RetainedSizes.compute(t, node -> 16, node -> 0, space)) {
            assertThat(t.idom(0)).isEqualTo(DominatorTree.VIRTUAL_ROOT);
            assertThat(t.idom(n - 1)).isEqualTo(n - 2);
            assertThat(rs.retained(0)).isEqualTo(16L * n);
            assertThat(rs.perClass(1, space)[0]).isEqualTo(16L * n);
        }
    }

    private void check(List<List<Integer>> adj, long[] roots, long[] sizes, int[] cls) {
        int n = adj.size();
        boolean[] reachable = reach(adj, roots, -1, null);
        // dom[v][d]: d dominates v (removing d makes v unreachable), d != v
        boolean[][] dom = new boolean[n][n];
        for (int d = 0; d < n; d++) {
            boolean[] without = reach(adj, roots, d, null);
            for (int v = 0; v < n; v++) {
                dom[v][d] = reachable[v] && v != d && reachable[d] && !without[v];
            }
        }
        try (CsrGraph g = graph(space, adj);
             DominatorTree t = DominatorTree.compute(g, roots, space, ProgressListener.NONE);
             RetainedSizes rs = RetainedSizes.compute(t, node -> sizes[(int) node], node -> cls[(int) node], space)) {
            long reachableCount = 0;
            for (int v = 0; v < n; v++) {
                if (!reachable[v]) {
                    assertThat(t.idom(v)).isEqualTo(DominatorTree.UNREACHABLE);
                    assertThat(rs.retained(v)).isZero();
                    continue;
                }
                reachableCount++;
                // idom = the strict dominator dominated by all other strict dominators
                int expected = -1;
                for (int d = 0; d < n; d++) {
                    if (!dom[v][d]) {
                        continue;
                    }
                    boolean closest = true;
                    for (int o = 0; o < n; o++) {
                        if (o != d && dom[v][o] && !dom[d][o]) {
                            closest = false;
                        }
                    }
                    if (closest) {
                        expected = d;
                    }
                }
                long want = expected < 0 ? DominatorTree.VIRTUAL_ROOT : expected;
                assertThat(t.idom(v)).as("idom of %d in %s roots %s", v, adj, java.util.Arrays.toString(roots))
                        .isEqualTo(want);
                long retained = sizes[v];
                for (int u = 0; u < n; u++) {
                    if (dom[u][v]) {
                        retained += sizes[u];
                    }
                }
                assertThat(rs.retained(v)).isEqualTo(retained);
            }
            assertThat(t.reachableCount()).isEqualTo(reachableCount);
            long[] perClass = rs.perClass(4, space);
            for (int c = 0; c < 4; c++) {
                long want = 0;
                for (int v = 0; v < n; v++) {
                    if (!reachable[v] || cls[v] != c) {
                        continue;
                    }
                    boolean dominatedBySameClass = false;
                    for (int d = 0; d < n; d++) {
                        if (dom[v][d] && cls[d] == c) {
                            dominatedBySameClass = true;
                        }
                    }
                    if (!dominatedBySameClass) {
                        want += rs.retained(v);
                    }
                }
                assertThat(perClass[c]).isEqualTo(want);
            }
            checkOrder(t, rs, n, cls, reachable);
            checkPaths(g, adj, roots, reachable);
            // the same with the backward pass split in two halves, as on large heaps
            long defaultMinNodes = RetainedSizes.parallelMinNodes;
            RetainedSizes.parallelMinNodes = 0;
            try (DominatorTree t2 = DominatorTree.compute(g, roots, space, ProgressListener.NONE);
                 RetainedSizes rs2 = RetainedSizes.compute(t2, node -> sizes[(int) node], node -> cls[(int) node],
                         space)) {
                RetainedSizes.parallelMinNodes = defaultMinNodes;
                for (int v = 0; v < n; v++) {
                    assertThat(rs2.retained(v)).isEqualTo(rs.retained(v));
                    assertThat(t2.idom(v)).isEqualTo(t.idom(v));
                }
                assertThat(rs2.reachableBytes()).isEqualTo(rs.reachableBytes());
                for (long p = 1; p <= t.reachableCount(); p++) {
                    assertThat(rs2.subtreeInPreorder(p)).isEqualTo(rs.subtreeInPreorder(p));
                    assertThat(rs2.classInPreorder(p)).isEqualTo(rs.classInPreorder(p));
                }
                // and the per-class sweep split in two halves at a top-level block, as on large heaps
                long defaultMin = DominatorTreeOrder.parallelMinPositions;
                DominatorTreeOrder.parallelMinPositions = 0;
                try {
                    assertThat(rs2.perClass(4, space)).isEqualTo(perClass);
                } finally {
                    DominatorTreeOrder.parallelMinPositions = defaultMin;
                }
            } finally {
                RetainedSizes.parallelMinNodes = defaultMinNodes;
            }
        }
    }

    /** Children and subtree blocks of the laid-out tree agree with idom; per-class sums inside one subtree too. */
    private void checkOrder(DominatorTree t, RetainedSizes rs, int n, int[] cls, boolean[] reachable) {
        try (DominatorTreeOrder order = DominatorTreeOrder.compute(rs, space)) {
            for (int d = -1; d < n; d++) {
                if (d >= 0 && !reachable[d]) {
                    continue;
                }
                long parent = d < 0 ? DominatorTree.VIRTUAL_ROOT : d;
                java.util.Set<Long> want = new java.util.HashSet<>();
                for (int v = 0; v < n; v++) {
                    if (reachable[v] && t.idom(v) == parent) {
                        want.add((long) v);
                    }
                }
                java.util.Set<Long> got = new java.util.HashSet<>();
                order.forEachChild(d < 0 ? 0 : t.preorderOf(d), p -> got.add(t.nodeInPreorder(p)));
                assertThat(got).as("children of %d", d).isEqualTo(want);
                if (d < 0) {
                    continue;
                }
                // the block of d holds exactly d and the nodes it dominates
                long p = t.preorderOf(d);
                java.util.Set<Long> block = new java.util.HashSet<>();
                for (long q = order.positionOf(p); q < order.endOf(p); q++) {
                    block.add(t.nodeInPreorder(order.preorderAt(q)));
                }
                java.util.Set<Long> subtree = new java.util.HashSet<>();
                for (int v = 0; v < n; v++) {
                    for (long a = v; reachable[v] && a >= 0; a = t.idom(a)) {
                        if (a == d) {
                            subtree.add((long) v);
                            break;
                        }
                    }
                }
                assertThat(block).isEqualTo(subtree);
                long[] inside = order.perClass(4, order.positionOf(p), order.endOf(p));
                long[] want2 = new long[4];
                for (long v : subtree) {
                    boolean covered = false;
                    for (long a = t.idom(v); a >= 0 && !covered; a = t.idom(a)) {
                        covered = subtree.contains(a) && cls[(int) a] == cls[(int) v];
                    }
                    if (!covered) {
                        want2[cls[(int) v]] += rs.retained(v);
                    }
                }
                assertThat(inside).isEqualTo(want2);
            }
        }
    }

    private void checkPaths(CsrGraph g, List<List<Integer>> adj, long[] roots, boolean[] reachable) {
        int n = adj.size();
        int[] dist = new int[n];
        java.util.Arrays.fill(dist, -1);
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (long r : roots) {
            if (dist[(int) r] < 0) {
                dist[(int) r] = 0;
                q.add((int) r);
            }
        }
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int v : adj.get(u)) {
                if (dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    q.add(v);
                }
            }
        }
        long[] all = java.util.stream.IntStream.range(0, n).asLongStream().toArray();
        try (ShortestPaths sp = ShortestPaths.search(g, roots, all, space)) {
            for (int v = 0; v < n; v++) {
                long[] path = sp.pathTo(v);
                if (!reachable[v]) {
                    assertThat(path).isEmpty();
                    continue;
                }
                assertThat(path.length - 1).isEqualTo(dist[v]);
                assertThat(roots).contains(path[0]);
                assertThat(path[path.length - 1]).isEqualTo(v);
                for (int i = 0; i + 1 < path.length; i++) {
                    assertThat(adj.get((int) path[i])).contains((int) path[i + 1]);
                }
            }
        }
    }
}
