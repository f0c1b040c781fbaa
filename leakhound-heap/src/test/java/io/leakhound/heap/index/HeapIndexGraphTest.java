package io.leakhound.heap.index;

import static io.leakhound.heap.index.SmallGraph.ARR;
import static io.leakhound.heap.index.SmallGraph.BAR;
import static io.leakhound.heap.index.SmallGraph.BAR1;
import static io.leakhound.heap.index.SmallGraph.BAR2;
import static io.leakhound.heap.index.SmallGraph.BAR_2D;
import static io.leakhound.heap.index.SmallGraph.BASE;
import static io.leakhound.heap.index.SmallGraph.BYTES;
import static io.leakhound.heap.index.SmallGraph.BYTE_ARRAY;
import static io.leakhound.heap.index.SmallGraph.CHARS;
import static io.leakhound.heap.index.SmallGraph.CLASS;
import static io.leakhound.heap.index.SmallGraph.GRID;
import static io.leakhound.heap.index.SmallGraph.INTS;
import static io.leakhound.heap.index.SmallGraph.LOADER;
import static io.leakhound.heap.index.SmallGraph.LOADER_CLASS;
import static io.leakhound.heap.index.SmallGraph.OBJECT;
import static io.leakhound.heap.index.SmallGraph.OBJ_ARRAY;
import static io.leakhound.heap.testing.IndexSnapshot.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.testing.HprofWriter;
import io.leakhound.hprof.testing.RecordingVisitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Indexes {@link SmallGraph} with 8-byte and 4-byte ids and checks every object, edge, root and size. */
class HeapIndexGraphTest {
    @TempDir
    Path dir;

    /**
     * 8-byte ids above 4 GiB; 4-byte aligned ids (both use the address bitmap id index); 4-byte odd ids
     * (sorted id index). Shallow sizes: compressed oops for 8-byte ids (heap span under 32 GB), the 32-bit
     * model for 4-byte ids. Columns: class object, Foo$Bar class object, ClassLoader, Foo$Bar, Object[3],
     * Bar[][0], byte[10], int[5], char[3].
     */
    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of(new SmallGraph(8, 0x7_C000_0000L, 0x100), SizeModel.compressed(),
                        new long[] {24, 40, 16, 32, 32, 16, 32, 40, 24}),
                Arguments.of(new SmallGraph(4, 0x1000_0000L, 0x100), SizeModel.thirtyTwoBit(),
                        new long[] {24, 40, 16, 32, 24, 16, 24, 32, 24}),
                Arguments.of(new SmallGraph(4, 0x1000_0001L, 0x33), SizeModel.thirtyTwoBit(),
                        new long[] {24, 40, 16, 32, 24, 16, 24, 32, 24}));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void objectsClassesEdgesRootsAndSizes(SmallGraph g, SizeModel model, long[] sizes) {
        HprofWriter w = g.dump(3);
        try (HeapIndex index = TestDumps.index(w, dir, "small.hprof")) {
            assertThat(index.warnings()).isEmpty();
            assertThat(index.header().idSize()).isEqualTo(g.idSize());
            assertThat(index.sizeModel()).isEqualTo(model);
            assertThat(index.objectCount()).isEqualTo(16);
            assertThat(index.stats()).isEqualTo(new DumpStats(3, 2, 3, 8, 15, 0, false, 0, w.size()));

            IndexSnapshot s = IndexSnapshot.of(index);
            String cls = "java.lang.Class ";
            assertThat(s.objects()).containsExactly(
                    hex(g.id(OBJECT)) + " " + cls + sizes[0],
                    hex(g.id(CLASS)) + " " + cls + sizes[0],
                    hex(g.id(LOADER_CLASS)) + " " + cls + sizes[0],
                    hex(g.id(BASE)) + " " + cls + sizes[0],
                    hex(g.id(BAR)) + " " + cls + sizes[1],
                    hex(g.id(OBJ_ARRAY)) + " " + cls + sizes[0],
                    hex(g.id(BYTE_ARRAY)) + " " + cls + sizes[0],
                    hex(g.id(BAR_2D)) + " " + cls + sizes[0],
                    hex(g.id(LOADER)) + " java.lang.ClassLoader " + sizes[2],
                    hex(g.id(BAR1)) + " com.example.Foo$Bar " + sizes[3],
                    hex(g.id(BAR2)) + " com.example.Foo$Bar " + sizes[3],
                    hex(g.id(ARR)) + " java.lang.Object[] " + sizes[4],
                    hex(g.id(GRID)) + " com.example.Foo$Bar[][] " + sizes[5],
                    hex(g.id(BYTES)) + " byte[] " + sizes[6],
                    hex(g.id(INTS)) + " int[] " + sizes[7],
                    hex(g.id(CHARS)) + " char[] " + sizes[8]);

            // class objects: statics, then super, then loader; instances: own fields, then inherited ones
            assertThat(s.edges()).containsExactly(
                    edge(g, CLASS, OBJECT),
                    edge(g, LOADER_CLASS, OBJECT),
                    edge(g, BASE, OBJECT, LOADER),
                    edge(g, BAR, BAR1, BASE, LOADER),
                    edge(g, OBJ_ARRAY, OBJECT),
                    edge(g, BYTE_ARRAY, OBJECT),
                    edge(g, BAR_2D, OBJECT),
                    edge(g, BAR1, BAR2, BYTES, ARR),
                    edge(g, ARR, BAR1, BYTES));
            assertThat(s.weakEdges()).isEmpty();

            List<String> roots = new ArrayList<>();
            for (Map.Entry<GcRootKind, Integer> e : g.roots().entrySet()) {
                GcRootKind k = e.getKey();
                String threadFrame = switch (k) {
                    case JNI_LOCAL, JAVA_FRAME, JNI_MONITOR -> "thread 1 frame 0";
                    case THREAD_OBJECT -> "thread 1 frame 5";
                    case NATIVE_STACK, THREAD_BLOCK -> "thread 1 frame -1";
                    default -> "thread -1 frame -1";
                };
                roots.add(k.reportName() + " " + hex(g.id(e.getValue())) + " " + threadFrame);
            }
            assertThat(s.roots()).isEqualTo(roots);
            assertThat(index.roots().dangling()).isZero();
            assertThat(index.roots().firstEntryOf(index.nodeOf(g.id(BAR1))))
                    .as("java-frame ranks before thread").isEqualTo(3);

            // class objects and their classes
            long barNode = index.nodeOf(g.id(BAR));
            ClassInfo bar = index.classForClassObject(barNode);
            assertThat(bar.name()).isEqualTo("com.example.Foo$Bar");
            assertThat(bar.classId()).isEqualTo(g.id(BAR));
            assertThat(bar.loaderId()).isEqualTo(g.id(LOADER));
            assertThat(index.classes().get(bar.superNumber()).name()).isEqualTo("com.example.Base");
            assertThat(bar.fieldNames()).containsExactly("next", "flag", "data", "s", "name", "count");
            int id = g.idSize();
            assertThat(bar.fieldOffsets()).containsExactly(0, id, id + 1, 2 * id + 1, 2 * id + 3, 3 * id + 3);
            assertThat(bar.dataLength()).isEqualTo(3 * id + 7);
            assertThat(bar.fieldOffset("count")).isEqualTo(3 * id + 3);
            assertThat(bar.fieldOffset("missing")).isEqualTo(-1);
            assertThat(bar.staticNames()).containsExactly("INSTANCE", "COUNTER", "EMPTY");
            assertThat(bar.staticTypes()).containsExactly(BasicType.OBJECT, BasicType.LONG, BasicType.OBJECT);
            assertThat(bar.staticValues()).containsExactly(g.id(BAR1), 5, 0);
            assertThat(bar.referentOffset()).isEqualTo(-1);
            assertThat(bar.isArray()).isFalse();
            assertThat(bar.instanceSize()).isEqualTo(sizes[3]);
            assertThat(index.classes().isSubclassOf(bar, "com.example.Base")).isTrue();
            assertThat(index.classes().isSubclassOf(bar, "java.lang.Object")).isTrue();
            assertThat(index.classes().isSubclassOf(bar, "java.lang.Class")).isFalse();
            assertThat(index.classes().byName("com.example.Foo$Bar")).isSameAs(bar);
            assertThat(index.classOf(index.nodeOf(g.id(BAR1)))).isSameAs(bar);
            assertThat(index.classForClassObject(index.nodeOf(g.id(BAR1)))).isNull();

            ClassInfo objArray = index.classForClassObject(index.nodeOf(g.id(OBJ_ARRAY)));
            assertThat(objArray.name()).isEqualTo("java.lang.Object[]");
            assertThat(objArray.isObjectArray()).isTrue();
            ClassInfo byteArray = index.classForClassObject(index.nodeOf(g.id(BYTE_ARRAY)));
            assertThat(byteArray.primitiveArrayType()).isEqualTo(BasicType.BYTE);
            assertThat(index.classes().primitiveArrayClass(BasicType.BYTE)).isSameAs(byteArray);
            ClassInfo intArray = index.classes().primitiveArrayClass(BasicType.INT);
            assertThat(intArray.name()).isEqualTo("int[]");
            assertThat(intArray.classId()).as("synthetic").isZero();
            assertThat(index.classOf(index.nodeOf(g.id(INTS)))).isSameAs(intArray);
            assertThat(index.classes().javaLangClass().classId()).isEqualTo(g.id(CLASS));

            // ids, nodes, record offsets
            assertThat(index.nodeOf(g.id(BAR1) + 1)).isEqualTo(-1);
            assertThat(index.nodeOf(g.id(100))).isEqualTo(-1);
            assertThat(index.nodeOf(g.base() - g.stride())).isEqualTo(-1);
            for (long n = 0; n < index.objectCount(); n++) {
                long objectId = index.idOf(n);
                assertThat(index.nodeOf(objectId)).isEqualTo(n);
                assertThat(index.recordOffset(n)).isEqualTo(w.objectRecord(objectId).start());
                RecordingVisitor v = new RecordingVisitor();
                index.file().readAt(index.recordOffset(n), v);
                assertThat(v.objectIds).containsExactly(objectId);
            }

            // threads and stack frames
            assertThat(index.stacks().threadObjectId(1)).isEqualTo(g.id(BAR1));
            assertThat(index.stacks().threadObjectId(2)).isZero();
            assertThat(index.stacks().method(1, 0)).isEqualTo("com.example.Foo$Bar.run(Foo.java:42)");
            assertThat(index.stacks().method(1, 1)).isEqualTo("main(Main.java)");
            assertThat(index.stacks().method(1, 2)).isNull();
        }
    }

    static String edge(SmallGraph g, int from, int... to) {
        List<String> t = new ArrayList<>();
        for (int k : to) {
            t.add(hex(g.id(k)));
        }
        return hex(g.id(from)) + " -> " + t;
    }

    /** The same heap written with 4-byte and 8-byte ids gives the same graph (modulo ids and sizes). */
    @Test
    void idSizeDoesNotChangeTheGraph() {
        SmallGraph g8 = new SmallGraph(8, 0x1000, 0x100);
        SmallGraph g4 = new SmallGraph(4, 0x1000, 0x100);
        try (HeapIndex i8 = TestDumps.index(g8.dump(2), dir, "8.hprof");
             HeapIndex i4 = TestDumps.index(g4.dump(2), dir, "4.hprof")) {
            IndexSnapshot s8 = IndexSnapshot.of(i8);
            IndexSnapshot s4 = IndexSnapshot.of(i4);
            assertThat(s4.edges()).isEqualTo(s8.edges());
            assertThat(s4.roots()).isEqualTo(s8.roots());
            assertThat(s4.stats()).isEqualTo(s8.stats());
            assertThat(s4.objects().stream().map(o -> o.substring(0, o.lastIndexOf(' '))).toList())
                    .isEqualTo(s8.objects().stream().map(o -> o.substring(0, o.lastIndexOf(' '))).toList());
        }
    }

    /** 8-byte ids spread over more than 32 GB and no contradicting address gaps: uncompressed references. */
    @Test
    void wideHeapUsesUncompressedReferenceSizes() {
        SmallGraph g = new SmallGraph(8, 0x8_0000_0000L, 0x1_0000_0000L); // 16 objects 4 GiB apart
        try (HeapIndex index = TestDumps.index(g.dump(1), dir, "wide.hprof")) {
            assertThat(index.sizeModel()).isEqualTo(SizeModel.uncompressed());
            // Foo$Bar: 12 + next 8 + flag 1 + data 8 + s 2 + name 8 + count 4 = 43 -> 48
            assertThat(index.shallowSize(index.nodeOf(g.id(BAR1)))).isEqualTo(48);
            // Object[3]: 16 + 3 * 8 = 40; byte[10]: 16 + 10 -> 32; int[5]: 16 + 20 -> 40
            assertThat(index.shallowSize(index.nodeOf(g.id(ARR)))).isEqualTo(40);
            assertThat(index.shallowSize(index.nodeOf(g.id(BYTES)))).isEqualTo(32);
            assertThat(index.shallowSize(index.nodeOf(g.id(INTS)))).isEqualTo(40);
            // Class instance: 12 + 8 + 8 + 4 = 32; Foo$Bar statics: 8 + 8 + 8 -> 56
            assertThat(index.shallowSize(index.nodeOf(g.id(BAR)))).isEqualTo(56);
            assertThat(index.shallowSize(index.nodeOf(g.id(OBJECT)))).isEqualTo(32);
            assertThat(index.warnings()).isEmpty();
        }
    }

    /** Address gaps too small for 8-byte references prove compressed references even in a wide heap. */
    @Test
    void tightAddressGapsProveCompressedReferences() {
        HprofWriter w = new HprofWriter(8);
        w.defineClass(0x1000, "java/lang/Object").end();
        w.defineClass(0x1100, "[Ljava/lang/Object;").superclass(0x1000).end();
        long far = 0x10_0000_0000L; // 64 GiB
        // Object[3] is 32 bytes compressed, 40 uncompressed: the next object 32 bytes on contradicts 8-byte refs
        w.objectArray(far, 0x1100, 0, 0, 0);
        w.objectArray(far + 32, 0x1100, 0, 0, 0);
        w.objectArray(far + 64, 0x1100);
        w.heapDumpSegment();
        try (HeapIndex index = TestDumps.index(w, dir, "tight.hprof")) {
            assertThat(index.sizeModel()).isEqualTo(SizeModel.compressed());
            assertThat(index.shallowSize(index.nodeOf(far))).isEqualTo(32);
            assertThat(index.shallowSize(index.nodeOf(far + 64))).isEqualTo(16);
        }
    }

    @Test
    void emptyHeapIndexesToNothing() {
        HprofWriter w = new HprofWriter(8);
        w.utf8(1, "nothing here");
        try (HeapIndex index = TestDumps.index(w, dir, "empty-heap.hprof")) {
            assertThat(index.objectCount()).isZero();
            assertThat(index.graph().edgeCount()).isZero();
            assertThat(index.roots().count()).isZero();
            assertThat(index.warnings()).isEmpty();
            assertThat(index.stats()).isEqualTo(new DumpStats(0, 0, 0, 0, 0, 0, false, 0, w.size()));
            assertThat(index.nodeOf(0x1000)).isEqualTo(-1);
        }
    }
}
