package io.leakhound.heap.testing;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.index.DumpStats;
import io.leakhound.heap.index.GcRoots;
import io.leakhound.heap.index.HeapIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link HeapIndex} says about the heap, as comparable text keyed by object id (not node
 * number), so two indexes of the same heap written differently (segments, gzip, id size) can be compared
 * with {@code equals} and a failure shows what differs.
 *
 * @param objects per object in id order: {@code 0x1000 com.example.Foo 24}
 * @param edges per object with strong references other than the one to its own class object, in index
 *              order: {@code 0x1000 -> [0x1010, 0x1020]}
 * @param weakEdges {@code 0x1000 ~> 0x1010}
 * @param roots {@code java-frame 0x1000 thread 1 frame 2}
 * @param stats the stats without {@code dataBytes} (which depends on how the heap was split into records)
 */
public record IndexSnapshot(List<String> objects, List<String> edges, List<String> weakEdges, List<String> roots,
                            DumpStats stats, List<String> classEdges) {
    // classEdges: "0x1000 -> 0x500" for each instance or object array with an edge to its class object

    public static IndexSnapshot of(HeapIndex index) {
        List<String> objects = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        CsrGraph g = index.graph();
        // Node numbers follow file order; list objects by id so snapshots compare across layouts.
        long[] byId = new long[(int) index.objectCount()];
        for (int n = 0; n < byId.length; n++) {
            byId[n] = n;
        }
        byId = java.util.Arrays.stream(byId).boxed()
                .sorted(java.util.Comparator.comparingLong(n -> index.idOf(n)))
                .mapToLong(Long::longValue).toArray();
        List<String> classEdges = new ArrayList<>();
        for (long n : byId) {
            objects.add(hex(index.idOf(n)) + " " + index.classOf(n).name() + " " + index.shallowSize(n));
            List<String> t = targets(index, n);
            String ownClass = index.classForClassObject(n) == null ? hex(index.classOf(n).classId()) : null;
            if (ownClass != null && t.remove(ownClass)) {
                classEdges.add(hex(index.idOf(n)) + " -> " + ownClass);
            }
            if (!t.isEmpty()) {
                edges.add(hex(index.idOf(n)) + " -> " + t);
            }
        }
        List<String> weak = new ArrayList<>();
        for (int i = 0; i < index.weakEdgeCount(); i++) {
            weak.add(hex(index.idOf(index.weakSource(i))) + " ~> " + hex(index.idOf(index.weakTarget(i))));
        }
        List<String> roots = new ArrayList<>();
        GcRoots r = index.roots();
        for (int i = 0; i < r.count(); i++) {
            roots.add(r.kind(i).reportName() + " " + hex(index.idOf(r.node(i))) + " thread " + r.threadSerial(i)
                    + " frame " + r.frameNumber(i));
        }
        DumpStats s = index.stats();
        DumpStats withoutSize = new DumpStats(s.instances(), s.objectArrays(), s.primitiveArrays(), s.classObjects(),
                s.edges(), s.danglingReferences(), s.truncated(), s.lostBytes(), 0);
        return new IndexSnapshot(objects, edges, weak, roots, withoutSize, classEdges);
    }

    /** The strong successors of a node as object ids, in index order. */
    public static List<String> targets(HeapIndex index, long node) {
        List<String> t = new ArrayList<>();
        CsrGraph g = index.graph();
        for (long e = g.start(node); e < g.end(node); e++) {
            t.add(hex(index.idOf(g.target(e))));
        }
        return t;
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
