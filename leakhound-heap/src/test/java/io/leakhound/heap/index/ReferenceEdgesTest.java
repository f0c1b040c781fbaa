package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java.lang.ref.Reference.referent} is a weak edge: kept apart from the strong graph, whatever the
 * depth of the Reference subclass; a field named {@code referent} declared anywhere else is an ordinary edge.
 */
class ReferenceEdgesTest {
    static final long OBJECT = 0x100;
    static final long REFERENCE = 0x110;
    static final long WEAK = 0x120;
    static final long MY_WEAK = 0x130;
    static final long SHADOW = 0x140;
    static final long HOLDER = 0x150;

    static final long W1 = 0x1000; // MyWeak: value = A, referent = B, queue = Q
    static final long W2 = 0x1010; // WeakReference: referent = null
    static final long W3 = 0x1020; // WeakReference: referent = missing id
    static final long S1 = 0x1030; // Shadow: own referent = D (strong), Reference.referent = E (weak)
    static final long H1 = 0x1040; // Holder: referent = C (strong)
    static final long A = 0x2000;
    static final long B = 0x2010;
    static final long C = 0x2020;
    static final long D = 0x2030;
    static final long E = 0x2040;
    static final long Q = 0x2050;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void referentIsAWeakEdgeOnlyWhenDeclaredByReference(int idSize) {
        HprofWriter w = new HprofWriter(idSize);
        w.defineClass(OBJECT, "java/lang/Object").end();
        // subclasses before their super classes in the file: layout must not depend on dump order
        w.defineClass(MY_WEAK, "com/example/MyWeak").superclass(WEAK).field("value", BasicType.OBJECT).end();
        w.defineClass(SHADOW, "com/example/Shadow").superclass(WEAK).field("referent", BasicType.OBJECT).end();
        w.defineClass(WEAK, "java/lang/ref/WeakReference").superclass(REFERENCE).end();
        w.defineClass(REFERENCE, "java/lang/ref/Reference").superclass(OBJECT)
                .field("referent", BasicType.OBJECT).field("queue", BasicType.OBJECT)
                .field("next", BasicType.OBJECT).field("discovered", BasicType.OBJECT).end();
        w.defineClass(HOLDER, "com/example/Holder").superclass(OBJECT).field("referent", BasicType.OBJECT).end();

        w.instance(W1, MY_WEAK).ref(A).ref(B).ref(Q).ref(0).ref(0).end();
        w.instance(W2, WEAK).ref(0).ref(Q).ref(0).ref(0).end();
        w.instance(W3, WEAK).ref(0xBAD0).ref(0).ref(0).ref(0).end();
        w.instance(S1, SHADOW).ref(D).ref(E).ref(0).ref(0).ref(0).end();
        w.instance(H1, HOLDER).ref(C).end();
        for (long leaf : new long[] {A, B, C, D, E, Q}) {
            w.instance(leaf, OBJECT).end();
        }
        w.heapDumpSegments(2);

        try (HeapIndex index = TestDumps.index(w, dir, "refs.hprof")) {
            assertThat(index.warnings()).isEmpty();
            IndexSnapshot s = IndexSnapshot.of(index);
            assertThat(s.edges()).containsExactly(
                    "0x110 -> [0x100]",
                    "0x120 -> [0x110]",
                    "0x130 -> [0x120]",
                    "0x140 -> [0x120]",
                    "0x150 -> [0x100]",
                    "0x1000 -> [0x2000, 0x2050]",
                    "0x1010 -> [0x2050]",
                    "0x1030 -> [0x2030]",
                    "0x1040 -> [0x2020]");
            assertThat(s.weakEdges()).containsExactly("0x1000 ~> 0x2010", "0x1030 ~> 0x2040");
            assertThat(index.weakEdgeCount()).isEqualTo(2);
            assertThat(index.stats().danglingReferences()).as("a missing referent is not a strong reference")
                    .isZero();

            int id = idSize;
            ClassInfo myWeak = index.classes().byName("com.example.MyWeak");
            assertThat(myWeak.fieldNames()).containsExactly("value", "referent", "queue", "next", "discovered");
            assertThat(myWeak.referentOffset()).isEqualTo(id);
            assertThat(index.classes().isSubclassOf(myWeak, "java.lang.ref.Reference")).isTrue();
            ClassInfo shadow = index.classes().byName("com.example.Shadow");
            assertThat(shadow.referentOffset()).isEqualTo(id);
            assertThat(shadow.fieldOffset("referent")).as("nearest declaration first").isZero();
            assertThat(index.classes().byName("java.lang.ref.WeakReference").referentOffset()).isZero();
            assertThat(index.classes().byName("java.lang.ref.Reference").referentOffset()).isZero();
            assertThat(index.classes().byName("com.example.Holder").referentOffset()).isEqualTo(-1);
        }
    }

    /**
     * {@code Reference.discovered} (the collector's pending chain) is no edge at all; an instance of a class
     * whose loader can go away references its class object, and the class its loader; classes of the boot
     * loader or of a loader that is a GC root need no such edge.
     */
    @Test
    void discoveredIsNoEdgeAndInstancesOfUnloadableClassesKeepTheirClass() {
        long loaderClass = 0x160;
        long plugin = 0x170;
        long loader = 0x3000;
        long rootLoader = 0x3010;
        long pluginFromRootLoader = 0x180;
        long p1 = 0x4000;
        long p2 = 0x4010;
        HprofWriter w = new HprofWriter(8);
        w.defineClass(OBJECT, "java/lang/Object").end();
        w.defineClass(REFERENCE, "java/lang/ref/Reference").superclass(OBJECT)
                .field("referent", BasicType.OBJECT).field("queue", BasicType.OBJECT)
                .field("next", BasicType.OBJECT).field("discovered", BasicType.OBJECT).end();
        w.defineClass(WEAK, "java/lang/ref/WeakReference").superclass(REFERENCE).end();
        w.defineClass(loaderClass, "com/example/PluginLoader").superclass(OBJECT).end();
        w.defineClass(plugin, "com/example/Plugin").superclass(OBJECT).loader(loader).end();
        w.defineClass(pluginFromRootLoader, "com/example/Core").superclass(OBJECT).loader(rootLoader).end();
        w.instance(W1, WEAK).ref(0).ref(0).ref(0).ref(W2).end();  // discovered = W2
        w.instance(W2, WEAK).ref(0).ref(0).ref(0).ref(0).end();
        w.instance(loader, loaderClass).end();
        w.instance(rootLoader, loaderClass).end();
        w.instance(p1, plugin).end();
        w.instance(p2, pluginFromRootLoader).end();
        w.root(io.leakhound.hprof.GcRootKind.JNI_GLOBAL, rootLoader);
        w.heapDumpSegment();
        try (HeapIndex index = TestDumps.index(w, dir, "class-edges.hprof")) {
            IndexSnapshot s = IndexSnapshot.of(index);
            assertThat(s.edges()).noneMatch(e -> e.startsWith("0x1000 "));  // W1's discovered is not followed
            assertThat(s.classEdges()).containsExactly("0x4000 -> 0x170");  // only the plugin of the plain loader
            assertThat(IndexSnapshot.targets(index, index.nodeOf(plugin))).contains("0x3000");  // class → loader
        }
    }
}
