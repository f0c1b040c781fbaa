package io.leakhound.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.ShortestPaths;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.HeapIndexBuilder;
import io.leakhound.heap.index.HeapIndexOptions;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GC-root path never goes through {@code Reference.referent}, even when that would be shorter, and an
 * object held only through a referent is not retained by the reference and has no path.
 */
class WeakPathTest {
    @TempDir
    Path dir;

    private static final long OBJECT = 0x100;
    private static final long REFERENCE = 0x110;
    private static final long WEAK = 0x120;
    private static final long BOX = 0x130;
    private static final long W = 0x1000;   // root: WeakReference, referent = TARGET
    private static final long A = 0x1010;   // root: Box -> B
    private static final long B = 0x1020;   // Box -> TARGET
    private static final long TARGET = 0x1030;
    private static final long W2 = 0x1040;  // root: WeakReference, referent = ONLY_WEAK
    private static final long ONLY_WEAK = 0x1050;

    @Test
    void pathsAvoidReferentsAndReferentsRetainNothing() {
        HprofWriter w = new HprofWriter(8);
        w.defineClass(OBJECT, "java/lang/Object").end();
        w.defineClass(REFERENCE, "java/lang/ref/Reference").superclass(OBJECT)
                .field("referent", BasicType.OBJECT).field("queue", BasicType.OBJECT).end();
        w.defineClass(WEAK, "java/lang/ref/WeakReference").superclass(REFERENCE).end();
        w.defineClass(BOX, "com/example/Box").superclass(OBJECT).field("value", BasicType.OBJECT).end();
        w.instance(W, WEAK).ref(TARGET).ref(0).end();
        w.instance(A, BOX).ref(B).end();
        w.instance(B, BOX).ref(TARGET).end();
        w.instance(TARGET, BOX).ref(0).end();
        w.instance(W2, WEAK).ref(ONLY_WEAK).ref(0).end();
        w.instance(ONLY_WEAK, BOX).ref(0).end();
        w.root(GcRootKind.JNI_GLOBAL, W);
        w.root(GcRootKind.JNI_GLOBAL, W2);
        w.root(GcRootKind.JNI_GLOBAL, A);
        for (long c : new long[] {OBJECT, REFERENCE, WEAK, BOX}) {
            w.root(GcRootKind.STICKY_CLASS, c);
        }
        w.heapDumpSegment();
        Path dump = HprofWriter.write(dir.resolve("weak.hprof"), w.heapDumpEnd().toByteArray());
        try (HeapIndex index = HeapIndexBuilder.build(dump, new HeapIndexOptions(dir, ProgressListener.NONE));
             AnalyzedHeap heap = AnalyzedHeap.of(index, ProgressListener.NONE)) {
            long target = index.nodeOf(TARGET);
            try (ShortestPaths sp = ShortestPaths.search(index.graph(), heap.rootNodes(),
                    new long[] {target, index.nodeOf(ONLY_WEAK)}, index.temp())) {
                List<PathStep> path = new PathDescriber(index, false).describe(sp.pathTo(target));
                assertThat(path).extracting(PathStep::id).containsExactly("0x1010", "0x1020", "0x1030");
                assertThat(path).extracting(PathStep::field).containsExactly(null, "value", "value");
                assertThat(sp.pathTo(index.nodeOf(ONLY_WEAK))).isEmpty();
            }
            assertThat(heap.tree().idom(target)).isEqualTo(index.nodeOf(B));
            assertThat(heap.tree().idom(index.nodeOf(ONLY_WEAK))).isEqualTo(DominatorTree.UNREACHABLE);
            long weakShallow = index.shallowSize(index.nodeOf(W2));
            assertThat(heap.retained().retained(index.nodeOf(W2))).isEqualTo(weakShallow);
        }
        var report = HeapAnalyzer.analyze(dump, AnalyzeOptions.defaults());
        assertThat(report.heap().weaklyReachableObjects()).isEqualTo(1);
        assertThat(report.heap().unreachableObjects()).isEqualTo(1);
    }
}
