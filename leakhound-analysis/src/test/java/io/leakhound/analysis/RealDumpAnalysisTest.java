package io.leakhound.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.graph.ShortestPaths;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.HeapIndexBuilder;
import io.leakhound.heap.index.HeapIndexOptions;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.heap.testing.ChildJvm;
import io.leakhound.heap.testing.scenarios.CountedHeap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dominators, retained sizes and GC-root paths on a real dump of {@link CountedHeap}, whose structure fixes
 * the expected values: which leaves the list alone keeps alive, how deep the chain is, where the frame root is.
 */
class RealDumpAnalysisTest {
    private static final String P = CountedHeap.class.getName();
    @TempDir
    static Path dir;
    private static Path dump;

    @BeforeAll
    static void dump() throws Exception {
        dump = dir.resolve("c.hprof");
        ChildJvm.run(CountedHeap.class, List.of("-Xmx256m"), 120, dump.toString(), dir.resolve("c.histo").toString());
    }

    private static long staticTarget(HeapIndex index, String className, String field) {
        ClassInfo c = index.classes().byName(className);
        String[] names = c.staticNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(field)) {
                return index.nodeOf(c.staticValues()[i]);
            }
        }
        throw new AssertionError("no static " + field);
    }

    private static long sizeOfFirst(HeapIndex index, String className) {
        for (long n = 0; n < index.objectCount(); n++) {
            if (index.classOf(n).name().equals(className) && index.classForClassObject(n) == null) {
                return index.shallowSize(n);
            }
        }
        throw new AssertionError(className);
    }

    @Test
    void retainedSizesFollowTheProgramsStructure() {
        try (HeapIndex index = HeapIndexBuilder.build(dump, HeapIndexOptions.defaults());
             AnalyzedHeap heap = AnalyzedHeap.of(index, ProgressListener.NONE)) {
            long list = staticTarget(index, P + "$Holder", "LEAVES_LIST");
            assertThat(index.classOf(list).name()).isEqualTo("java.util.ArrayList");
            ObjectReader reader = new ObjectReader(index);
            long elementData = index.nodeOf(reader.instance(list).id("elementData"));
            long leaf = sizeOfFirst(index, P + "$Leaf");
            long payload = index.sizeModel().arraySize(CountedHeap.PAYLOAD, 1);
            // Leaves 0..32 are also reachable from ARRAYS_OF_LEAVES (and down the sibling chain) and from
            // Holder.derived; all later leaves are kept alive by the list alone.
            long dominatedLeaves = CountedHeap.LEAVES - 33;
            long expected = index.shallowSize(list) + index.shallowSize(elementData)
                    + dominatedLeaves * (leaf + payload);
            assertThat(heap.retained().retained(list)).isEqualTo(expected);

            long chainHead = staticTarget(index, P + "$Holder", "chainHead");
            assertThat(heap.retained().retained(chainHead))
                    .isEqualTo(CountedHeap.CHAIN * sizeOfFirst(index, P + "$ChainLink"));
            // The chain's tail is dominated by its predecessor, 50,000 links down.
            CsrGraph g = index.graph();
            long cur = chainHead;
            for (int i = 1; i < CountedHeap.CHAIN; i++) {
                long next = g.target(g.start(cur));
                assertThat(heap.tree().idom(next)).isEqualTo(cur);
                cur = next;
            }
        }
    }

    @Test
    void pathsNameStaticFieldsArraySlotsAndFrames() {
        try (HeapIndex index = HeapIndexBuilder.build(dump, HeapIndexOptions.defaults());
             AnalyzedHeap heap = AnalyzedHeap.of(index, ProgressListener.NONE)) {
            long list = staticTarget(index, P + "$Holder", "LEAVES_LIST");
            long frameLocal = -1;
            long lastLeaf = -1;
            for (long n = 0; n < index.objectCount(); n++) {
                String c = index.classOf(n).name();
                if (c.equals(P + "$FrameLocal")) {
                    frameLocal = n;
                }
            }
            ObjectReader reader = new ObjectReader(index);
            long[] elements = reader.elements(index.nodeOf(reader.instance(list).id("elementData")), 20_000);
            lastLeaf = index.nodeOf(elements[CountedHeap.LEAVES - 1]);
            PathDescriber describer = new PathDescriber(index, false);
            try (ShortestPaths sp = ShortestPaths.search(index.graph(), heap.rootNodes(),
                    new long[] {list, frameLocal, lastLeaf}, index.temp())) {
                List<PathStep> toList = describer.describe(sp.pathTo(list));
                PathStep last = toList.get(toList.size() - 1);
                assertThat(last.kind()).isEqualTo("static-field");
                assertThat(last.className()).isEqualTo(P + "$Holder");
                assertThat(last.field()).isEqualTo("LEAVES_LIST");
                assertThat(last.targetClass()).isEqualTo("java.util.ArrayList");
                assertThat(toList.get(0).kind()).isEqualTo("root");

                List<PathStep> toLeaf = describer.describe(sp.pathTo(lastLeaf));
                PathStep slot = toLeaf.get(toLeaf.size() - 1);
                assertThat(slot.kind()).isEqualTo("array-element");
                assertThat(slot.index()).isEqualTo(CountedHeap.LEAVES - 1L);
                assertThat(toLeaf.get(toLeaf.size() - 2).field()).isEqualTo("elementData");

                List<PathStep> toLocal = describer.describe(sp.pathTo(frameLocal));
                assertThat(toLocal).hasSize(1);
                assertThat(toLocal.get(0).rootKind()).isEqualTo("java-frame");
                assertThat(toLocal.get(0).method()).contains(P + ".holdLocal");
                assertThat(toLocal.get(0).thread()).startsWith("thread #").doesNotContain("frame-holder");
            }
            PathDescriber withValues = new PathDescriber(index, true);
            try (ShortestPaths sp = ShortestPaths.search(index.graph(), heap.rootNodes(), new long[] {frameLocal},
                    index.temp())) {
                assertThat(withValues.describe(sp.pathTo(frameLocal)).get(0).thread()).isEqualTo("frame-holder");
            }
        }
    }

    @Test
    void reportCountsEveryObjectOnceAndSeparatesTheSoftlyReachable() {
        AnalysisReport r = HeapAnalyzer.analyze(dump, AnalyzeOptions.defaults());
        assertThat(r.heap().reachableObjects() + r.heap().unreachableObjects()).isEqualTo(r.heap().objects());
        assertThat(r.heap().reachableBytes() + r.heap().unreachableBytes()).isEqualTo(r.heap().shallowBytes());
        assertThat(r.heap().weaklyReachableObjects()).isGreaterThanOrEqualTo(2L * CountedHeap.WEAKLY_HELD);
        long histogramObjects = r.histogram().stream().mapToLong(ClassRow::instances).sum();
        assertThat(histogramObjects).isEqualTo(r.heap().objects());
        ClassRow leaf = r.histogram().stream().filter(c -> c.className().equals(P + "$Leaf")).findFirst().orElseThrow();
        ClassRow chain = r.histogram().stream().filter(c -> c.className().equals(P + "$ChainLink")).findFirst()
                .orElseThrow();
        ClassRow held = r.histogram().stream().filter(c -> c.className().equals(P + "$WeaklyHeld")).findFirst()
                .orElseThrow();
        assertThat(chain.retainedBytes()).isEqualTo(chain.shallowBytes());
        // No leaf is dominated by another leaf, so the class retains every leaf and its payload.
        long payload = r.histogram().stream().filter(c -> c.className().equals("byte[]")).count() > 0
                ? leaf.instances() * ((16 + CountedHeap.PAYLOAD + 7) / 8 * 8) : 0;
        assertThat(leaf.retainedBytes()).isEqualTo(leaf.shallowBytes() + payload);
        assertThat(held.retainedBytes()).isZero();
        assertThat(r.dominators()).isNotEmpty();
        assertThat(r.dominators()).allSatisfy(d -> assertThat(d.path()).isNotEmpty());
        assertThat(r.dominators().get(0).retainedBytes()).isGreaterThanOrEqualTo(r.dominators().get(1).retainedBytes());
    }
}
