package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.testing.ChildJvm;
import io.leakhound.heap.testing.ClassHistogram;
import io.leakhound.heap.testing.scenarios.CountedHeap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Indexes real dumps of {@link CountedHeap} (with and without compressed oops) and checks instance counts and
 * shallow sizes against what the program created and against HotSpot's own class histogram.
 */
class RealDumpIndexTest {
    private static final String P = CountedHeap.class.getName();
    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpBoth() throws Exception {
        ChildJvm.run(CountedHeap.class, List.of("-Xmx256m"), 120, dir.resolve("c.hprof").toString(),
                dir.resolve("c.histo").toString());
        ChildJvm.run(CountedHeap.class, List.of("-Xmx256m", "-XX:-UseCompressedOops"), 120,
                dir.resolve("u.hprof").toString(), dir.resolve("u.histo").toString());
    }

    private static long[] countAndBytes(HeapIndex index, String className) {
        long count = 0;
        long bytes = 0;
        for (long n = 0; n < index.objectCount(); n++) {
            if (index.classOf(n).name().equals(className) && index.classForClassObject(n) == null) {
                count++;
                bytes += index.shallowSize(n);
            }
        }
        return new long[] {count, bytes};
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "u"})
    void countsAndSizesMatchTheProgramAndHotSpotsHistogram(String variant) throws Exception {
        Map<String, ClassHistogram.Row> histo = ClassHistogram.read(dir.resolve(variant + ".histo"));
        try (HeapIndex index = HeapIndexBuilder.build(dir.resolve(variant + ".hprof"), HeapIndexOptions.defaults())) {
            assertThat(index.sizeModel().compressedOops()).isEqualTo(variant.equals("c"));
            // HotSpot dumps hold a few references to objects they do not dump; nothing else may be wrong.
            assertThat(index.warnings()).allMatch(w -> w.contains("references point to objects missing"));
            assertThat(index.stats().danglingReferences()).isLessThan(index.stats().edges() / 100);
            Map<String, Long> created = Map.of(P + "$Leaf", (long) CountedHeap.LEAVES,
                    P + "$ChainLink", (long) CountedHeap.CHAIN,
                    P + "$Leaf[]", (long) CountedHeap.ARRAYS,
                    P + "$WeaklyHeld", (long) CountedHeap.WEAKLY_HELD,
                    P + "$FrameLocal", 1L,
                    P + "$Derived", 1L);
            for (var e : created.entrySet()) {
                long[] ours = countAndBytes(index, e.getKey());
                ClassHistogram.Row hotspot = histo.get(e.getKey());
                assertThat(ours[0]).as("instances of %s", e.getKey()).isEqualTo(e.getValue());
                assertThat(hotspot).as("HotSpot histogram row for %s", e.getKey()).isNotNull();
                assertThat(ours[0]).as("instances of %s vs HotSpot", e.getKey()).isEqualTo(hotspot.instances());
                assertThat(ours[1]).as("shallow bytes of %s vs HotSpot", e.getKey()).isEqualTo(hotspot.bytes());
            }
            // byte[] payloads: at least the program's own, sized exactly as HotSpot sizes them
            long payloadSize = index.sizeModel().arraySize(CountedHeap.PAYLOAD, 1);
            long payloads = 0;
            for (long n = 0; n < index.objectCount(); n++) {
                if (index.classOf(n).name().equals("byte[]") && index.shallowSize(n) == payloadSize) {
                    payloads++;
                }
            }
            assertThat(payloads).isGreaterThanOrEqualTo(CountedHeap.LEAVES);
            long total = 0;
            for (long n = 0; n < index.objectCount(); n++) {
                total += index.classForClassObject(n) == null ? index.shallowSize(n) : 0;
            }
            // class mirrors are left out on both sides: their real size is the VM's business, not the dump's
            long hotspotTotal = histo.entrySet().stream().filter(e -> !e.getKey().equals("java.lang.Class"))
                    .mapToLong(e -> e.getValue().bytes()).sum();
            for (long n = 0; n < index.objectCount(); n++) {
                if (index.classForClassObject(n) == null && index.classOf(n).name().equals("java.lang.Class")) {
                    total -= index.shallowSize(n);
                }
            }
            // Outside our classes the two GCs and the dump itself allocate a little; the totals stay close.
            assertThat((double) total).isCloseTo(hotspotTotal, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void referencesFollowFieldsArraysAndStatics() throws Exception {
        try (HeapIndex index = HeapIndexBuilder.build(dir.resolve("c.hprof"), HeapIndexOptions.defaults())) {
            CsrGraph g = index.graph();
            ClassInfo holder = index.classes().byName(P + "$Holder");
            long holderNode = index.nodeOf(holder.classId());
            assertThat(index.classForClassObject(holderNode)).isSameAs(holder);
            // Every Leaf references its payload and (except the first) its sibling.
            long leaves = 0;
            ClassInfo leafClass = index.classes().byName(P + "$Leaf");
            java.util.Set<Long> rootNodes = new java.util.HashSet<>();
            for (int r = 0; r < index.roots().count(); r++) {
                rootNodes.add(index.roots().node(r));
            }
            boolean leafClassIsPermanent = rootNodes.contains(index.nodeOf(leafClass.classId()))
                    || leafClass.loaderId() == 0 || rootNodes.contains(index.nodeOf(leafClass.loaderId()));
            for (long n = 0; n < index.objectCount(); n++) {
                if (!index.classOf(n).name().equals(P + "$Leaf")) {
                    continue;
                }
                leaves++;
                boolean hasPayload = false;
                boolean hasClass = false;
                for (long e = g.start(n); e < g.end(n); e++) {
                    hasPayload |= index.classOf(g.target(e)).name().equals("byte[]");
                    hasClass |= g.target(e) == index.nodeOf(index.classOf(n).classId());
                }
                assertThat(hasPayload).isTrue();
                // an instance references its class unless the class or its loader is a GC root (JDK 17 dumps the
                // application loader as a JNI global root, JDK 25 does not)
                assertThat(hasClass).isEqualTo(!leafClassIsPermanent);
                assertThat(g.end(n) - g.start(n)).isBetween(1L + (hasClass ? 1 : 0), 2L + (hasClass ? 1 : 0));
            }
            assertThat(leaves).isEqualTo(CountedHeap.LEAVES);
            // Holder's statics: LEAVES_LIST (ArrayList), chainHead, ARRAYS_OF_LEAVES, SOFT, derived, + loader.
            List<String> targets = new java.util.ArrayList<>();
            for (long e = g.start(holderNode); e < g.end(holderNode); e++) {
                targets.add(index.classOf(g.target(e)).name());
            }
            assertThat(targets).contains("java.util.ArrayList", P + "$ChainLink", P + "$Leaf[][]", P + "$Derived");
            // Derived sees both its own and its inherited reference field.
            for (long n = 0; n < index.objectCount(); n++) {
                if (index.classOf(n).name().equals(P + "$Derived")) {
                    assertThat(g.end(n) - g.start(n)).isEqualTo(2 + (leafClassIsPermanent ? 0 : 1));
                }
            }
            // Soft referents are weak edges, not strong ones.
            long softToWeaklyHeld = 0;
            for (int i = 0; i < index.weakEdgeCount(); i++) {
                if (index.classOf(index.weakTarget(i)).name().equals(P + "$WeaklyHeld")) {
                    softToWeaklyHeld++;
                    long src = index.weakSource(i);
                    for (long e = g.start(src); e < g.end(src); e++) {
                        assertThat(g.target(e)).isNotEqualTo(index.weakTarget(i));
                    }
                }
            }
            assertThat(softToWeaklyHeld).isEqualTo(CountedHeap.WEAKLY_HELD);
            // ids map back and forth
            for (long n = 0; n < index.objectCount(); n += 997) {
                assertThat(index.nodeOf(index.idOf(n))).isEqualTo(n);
            }
        }
    }
}
