package io.leakhound.analysis;

import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.HeapSummary;
import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.index.ClassTable;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The class histogram (instances, shallow and retained bytes per class) and the heap totals, in one
 * sequential pass over all objects plus a walk of the dominator tree for per-class retained sizes.
 */
final class Histogram {
    private final List<ClassRow> rows;
    private final long objects;
    private final long shallowBytes;
    private final long reachableObjects;
    private final long reachableBytes;
    private final long weakObjects;
    private final long weakBytes;

    private final long[] perClassRetained;
    private Histogram(List<ClassRow> rows, long[] perClassRetained, long objects, long shallowBytes,
                      long reachableObjects, long reachableBytes, long weakObjects, long weakBytes) {
        this.rows = rows;
        this.perClassRetained = perClassRetained;
        this.objects = objects;
        this.shallowBytes = shallowBytes;
        this.reachableObjects = reachableObjects;
        this.reachableBytes = reachableBytes;
        this.weakObjects = weakObjects;
        this.weakBytes = weakBytes;
    }

    static Histogram compute(AnalyzedHeap heap) {
        HeapIndex index = heap.index();
        io.leakhound.heap.graph.Trace trace = new io.leakhound.heap.graph.Trace("histogram");
        ClassTable classes = index.classes();
        int classCount = classes.size();
        long[] instances = new long[classCount];
        long[] shallow = new long[classCount];
        long n = index.objectCount();
        long total = 0;
        for (int c = 0; c < classCount; c++) {
            instances[c] = index.instancesOfClass(c);
            shallow[c] = index.shallowBytesOfClass(c);
            total += shallow[c];
        }
        long reachable = heap.tree().reachableCount();
        long reachableBytes = heap.retained().reachableBytes();
        trace.lap("counts");
        long[] retained = heap.order().perClass(classCount);
        index.release();
        trace.lap("per-class-retained");
        List<ClassRow> rows = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            if (instances[c] > 0) {
                rows.add(new ClassRow(classes.get(c).name(), instances[c], shallow[c], retained[c]));
            }
        }
        rows.sort(Comparator.comparingLong(ClassRow::retainedBytes).reversed()
                .thenComparing(Comparator.comparingLong(ClassRow::shallowBytes).reversed())
                .thenComparing(ClassRow::className));
        long[] weak = weaklyReachable(heap);
        index.release();
        heap.tree().release();
        trace.lap("weakly-reachable");
        return new Histogram(rows, retained, n, total, reachable, reachableBytes, weak[0], weak[1]);
    }

    /**
     * Objects not strongly reachable but reachable through a weak/soft/phantom/final referent of a reachable
     * reference object (and everything they strongly reach).
     */
    private static long[] weaklyReachable(AnalyzedHeap heap) {
        HeapIndex index = heap.index();
        DominatorTree tree = heap.tree();
        CsrGraph g = index.graph();
        long count = 0;
        long bytes = 0;
        long n = index.objectCount();
        try (BigLongArray seen = new BigLongArray(index.temp(), "weak-seen", (n >>> 6) + 1);
             BigIntArray queue = BigIntArray.undefined(index.temp(), "weak-queue", Math.max(1, n))) {
            long tail = 0;
            for (int i = 0; i < index.weakEdgeCount(); i++) {
                long t = index.weakTarget(i);
                if (tree.isReachable(index.weakSource(i)) && !tree.isReachable(t) && mark(seen, t)) {
                    queue.set(tail++, (int) t);
                }
            }
            long head = 0;
            while (head < tail) {
                long u = Integer.toUnsignedLong(queue.get(head++));
                count++;
                bytes += index.shallowSize(u);
                for (long e = g.start(u), end = g.end(u); e < end; e++) {
                    long v = g.target(e);
                    if (!tree.isReachable(v) && mark(seen, v)) {
                        queue.set(tail++, (int) v);
                    }
                }
            }
        }
        return new long[] {count, bytes};
    }

    private static boolean mark(BigLongArray bits, long node) {
        long w = bits.get(node >>> 6);
        long m = 1L << node;
        if ((w & m) != 0) {
            return false;
        }
        bits.set(node >>> 6, w | m);
        return true;
    }

    /** Retained bytes per class number (dominator-based, see {@link io.leakhound.heap.graph.DominatorTreeOrder}). */
    long[] perClassRetained() {
        return perClassRetained.clone();
    }

    List<ClassRow> rows() {
        return rows;
    }

    HeapSummary summary(AnalyzedHeap heap) {
        HeapIndex index = heap.index();
        var stats = index.stats();
        return new HeapSummary(objects, index.classes().size(), heap.rootNodes().length, shallowBytes,
                reachableObjects, reachableBytes, objects - reachableObjects, shallowBytes - reachableBytes,
                weakObjects, weakBytes, stats.instances(), stats.objectArrays(), stats.primitiveArrays(),
                stats.classObjects(), stats.edges());
    }
}
