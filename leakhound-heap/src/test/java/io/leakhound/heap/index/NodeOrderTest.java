package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes are numbered by address when the dump is in HotSpot's order (class dumps first, then objects by
 * ascending id) and by file order with a permutation otherwise; both must describe the same graph.
 */
class NodeOrderTest {
    @TempDir
    Path dir;

    private static final long OBJECT = 0x100;
    private static final long NODE = 0x1810; // between the objects' ids: interleaves with them by address

    /** A random graph of 200 nodes; {@code order} says in which order the instances are written. */
    private static HprofWriter heap(List<Integer> order, boolean classInTheMiddle, long[][] refs) {
        HprofWriter w = new HprofWriter(8);
        w.defineClass(OBJECT, "java/lang/Object").end();
        Runnable nodeClass = () -> w.defineClass(NODE, "com/example/Node").superclass(OBJECT)
                .staticField("HEAD", BasicType.OBJECT, id(0))
                .field("a", BasicType.OBJECT).field("b", BasicType.OBJECT).end();
        if (!classInTheMiddle) {
            nodeClass.run();
        }
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            if (classInTheMiddle && k == order.size() / 2) {
                nodeClass.run();
            }
            w.instance(id(i), NODE).ref(refs[i][0]).ref(refs[i][1]).end();
        }
        w.root(GcRootKind.STICKY_CLASS, NODE);
        w.root(GcRootKind.JNI_GLOBAL, id(7));
        w.heapDumpSegments(3);
        return w.heapDumpEnd();
    }

    private static long id(int i) {
        return 0x1000 + 0x20L * i;
    }

    @Test
    void addressAndFileOrderGiveTheSameGraph() {
        Random rnd = new Random(7);
        int n = 200;
        long[][] refs = new long[n][2];
        for (int i = 0; i < n; i++) {
            refs[i][0] = rnd.nextInt(4) == 0 ? 0 : id(rnd.nextInt(n));
            refs[i][1] = rnd.nextInt(3) == 0 ? 0 : id(rnd.nextInt(n));
        }
        List<Integer> ascending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ascending.add(i);
        }
        List<Integer> shuffled = new ArrayList<>(ascending);
        Collections.shuffle(shuffled, rnd);
        // Parallel/Serial GC: the young generation (higher addresses) is walked before the old one
        List<Integer> twoRuns = new ArrayList<>(ascending.subList(n / 2, n));
        twoRuns.addAll(ascending.subList(0, n / 2));
        try (HeapIndex byAddress = TestDumps.index(heap(ascending, false, refs), dir, "a.hprof");
             HeapIndex byFile = TestDumps.index(heap(shuffled, false, refs), dir, "b.hprof");
             HeapIndex classLate = TestDumps.index(heap(ascending, true, refs), dir, "c.hprof");
             HeapIndex generations = TestDumps.index(heap(twoRuns, false, refs), dir, "d.hprof")) {
            IndexSnapshot expected = IndexSnapshot.of(byAddress);
            assertThat(expected.objects()).hasSize(n + 2);
            assertThat(IndexSnapshot.of(byFile).objects()).isEqualTo(expected.objects());
            assertThat(IndexSnapshot.of(byFile).edges()).isEqualTo(expected.edges());
            assertThat(IndexSnapshot.of(classLate).edges()).isEqualTo(expected.edges());
            assertThat(IndexSnapshot.of(classLate).roots()).isEqualTo(expected.roots());
            // class objects come first; then, for a dump in address order, node numbers ascend with ids
            assertThat(byAddress.classObjectCount()).isEqualTo(2);
            for (long node = byAddress.classObjectCount() + 1; node < byAddress.objectCount(); node++) {
                assertThat(Long.compareUnsigned(byAddress.idOf(node - 1), byAddress.idOf(node))).isNegative();
            }
            assertThat(idoms(byFile)).isEqualTo(idoms(byAddress));
            assertThat(IndexSnapshot.of(generations).objects()).isEqualTo(expected.objects());
            assertThat(IndexSnapshot.of(generations).edges()).isEqualTo(expected.edges());
            assertThat(idoms(generations)).isEqualTo(idoms(byAddress));
            for (int i = 0; i < n; i++) {
                assertThat(generations.idOf(generations.nodeOf(id(i)))).isEqualTo(id(i));
            }
        }
    }

    /** Immediate dominator of each object, by id. */
    private static List<String> idoms(HeapIndex index) {
        List<String> out = new ArrayList<>();
        try (DominatorTree t = DominatorTree.compute(index.graph(), index.roots().distinctNodes(), index.temp(),
                ProgressListener.NONE)) {
            for (int i = 0; i < 200; i++) {
                long node = index.nodeOf(id(i));
                long d = t.idom(node);
                out.add(Long.toHexString(id(i)) + "<-" + (d < 0 ? Long.toString(d) : Long.toHexString(index.idOf(d))));
            }
        }
        return out;
    }
}
