package io.leakhound.heap.index;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.testing.HprofWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small heap with every kind of object and reference, written the same way for any id size and id
 * spacing. Object {@code k} has id {@code base + k * stride}.
 *
 * <pre>
 *  classes: java.lang.Object, java.lang.Class, java.lang.ClassLoader, com.example.Base (loader LOADER),
 *           com.example.Foo$Bar extends Base (loader LOADER; statics INSTANCE = BAR1, COUNTER = 5L, EMPTY = null),
 *           java.lang.Object[], byte[], com.example.Foo$Bar[][]
 *  LOADER  java.lang.ClassLoader  parent = null
 *  BAR1    Foo$Bar  next = BAR2, flag = true, data = BYTES, s = 7 | Base: name = ARR, count = 3
 *  BAR2    Foo$Bar  all null / zero
 *  ARR     Object[] {BAR1, null, BYTES}
 *  GRID    Foo$Bar[][] {}
 *  BYTES   byte[10];  INTS int[5] and CHARS char[3] (no class dump: synthetic classes)
 * </pre>
 *
 * @param idSize 4 or 8
 * @param base id of object 0
 * @param stride distance between consecutive ids
 */
record SmallGraph(int idSize, long base, long stride) {
    static final int OBJECT = 0;
    static final int CLASS = 1;
    static final int LOADER_CLASS = 2;
    static final int BASE = 3;
    static final int BAR = 4;
    static final int OBJ_ARRAY = 5;
    static final int BYTE_ARRAY = 6;
    static final int BAR_2D = 7;
    static final int LOADER = 10;
    static final int BAR1 = 11;
    static final int BAR2 = 12;
    static final int ARR = 13;
    static final int GRID = 14;
    static final int BYTES = 15;
    static final int INTS = 16;
    static final int CHARS = 17;

    static final int THREAD = 1;
    static final int TRACE = 5;
    static final long FRAME1 = 0x9001;
    static final long FRAME2 = 0x9002;

    long id(int k) {
        return base + k * stride;
    }

    /** The roots written, in order: kind and object. */
    Map<GcRootKind, Integer> roots() {
        Map<GcRootKind, Integer> r = new LinkedHashMap<>();
        r.put(GcRootKind.UNKNOWN, BAR2);
        r.put(GcRootKind.JNI_GLOBAL, ARR);
        r.put(GcRootKind.JNI_LOCAL, BYTES);
        r.put(GcRootKind.JAVA_FRAME, BAR1);
        r.put(GcRootKind.NATIVE_STACK, INTS);
        r.put(GcRootKind.STICKY_CLASS, OBJECT);
        r.put(GcRootKind.THREAD_BLOCK, LOADER);
        r.put(GcRootKind.MONITOR_USED, BAR2);
        r.put(GcRootKind.THREAD_OBJECT, BAR1);
        r.put(GcRootKind.INTERNED_STRING, CHARS);
        r.put(GcRootKind.FINALIZING, GRID);
        r.put(GcRootKind.DEBUGGER, BAR);
        r.put(GcRootKind.REFERENCE_CLEANUP, BYTE_ARRAY);
        r.put(GcRootKind.VM_INTERNAL, CLASS);
        r.put(GcRootKind.JNI_MONITOR, LOADER);
        return r;
    }

    /** Strong references of each object in the order the index stores them (objects without any omitted). */
    Map<Integer, List<Integer>> references() {
        Map<Integer, List<Integer>> r = new LinkedHashMap<>();
        r.put(CLASS, List.of(OBJECT));
        r.put(LOADER_CLASS, List.of(OBJECT));
        r.put(BASE, List.of(OBJECT, LOADER));
        r.put(BAR, List.of(BAR1, BASE, LOADER));
        r.put(OBJ_ARRAY, List.of(OBJECT));
        r.put(BYTE_ARRAY, List.of(OBJECT));
        r.put(BAR_2D, List.of(OBJECT));
        r.put(BAR1, List.of(BAR2, BYTES, ARR));
        r.put(ARR, List.of(BAR1, BYTES));
        return r;
    }

    /** Writes the metadata records; the heap sub-records are queued, to be flushed by the caller. */
    HprofWriter write() {
        HprofWriter w = new HprofWriter(idSize);
        w.defineClass(id(OBJECT), "java/lang/Object").end();
        w.defineClass(id(CLASS), "java/lang/Class").superclass(id(OBJECT))
                .field("classLoader", BasicType.OBJECT).field("name", BasicType.OBJECT)
                .field("modifiers", BasicType.INT).end();
        w.defineClass(id(LOADER_CLASS), "java/lang/ClassLoader").superclass(id(OBJECT))
                .field("parent", BasicType.OBJECT).end();
        w.defineClass(id(BASE), "com/example/Base").superclass(id(OBJECT)).loader(id(LOADER))
                .field("name", BasicType.OBJECT).field("count", BasicType.INT).end();
        int barSerial = w.loadClass(id(BAR), "com/example/Foo$Bar");
        w.classDump(id(BAR)).superclass(id(BASE)).loader(id(LOADER))
                .staticField("INSTANCE", BasicType.OBJECT, id(BAR1))
                .staticField("COUNTER", BasicType.LONG, 5)
                .staticField("EMPTY", BasicType.OBJECT, 0)
                .field("next", BasicType.OBJECT).field("flag", BasicType.BOOLEAN)
                .field("data", BasicType.OBJECT).field("s", BasicType.SHORT).end();
        w.defineClass(id(OBJ_ARRAY), "[Ljava/lang/Object;").superclass(id(OBJECT)).end();
        w.defineClass(id(BYTE_ARRAY), "[B").superclass(id(OBJECT)).end();
        w.defineClass(id(BAR_2D), "[[Lcom/example/Foo$Bar;").superclass(id(OBJECT)).end();
        w.frame(FRAME1, "run", "()V", "Foo.java", barSerial, 42);
        w.frame(FRAME2, "main", "([Ljava/lang/String;)V", "Main.java", 0, -1);
        w.trace(TRACE, THREAD, FRAME1, FRAME2);

        w.instance(id(LOADER), id(LOADER_CLASS)).ref(0).end();
        w.instance(id(BAR1), id(BAR)).ref(id(BAR2)).bool(true).ref(id(BYTES)).s(7).ref(id(ARR)).i(3).end();
        w.instance(id(BAR2), id(BAR)).ref(0).bool(false).ref(0).s(0).ref(0).i(0).end();
        w.objectArray(id(ARR), id(OBJ_ARRAY), id(BAR1), 0, id(BYTES));
        w.objectArray(id(GRID), id(BAR_2D));
        w.byteArray(id(BYTES), new byte[10]);
        w.primitiveArray(id(INTS), BasicType.INT, 5);
        w.primitiveArray(id(CHARS), BasicType.CHAR, 3);
        for (Map.Entry<GcRootKind, Integer> e : roots().entrySet()) {
            GcRootKind k = e.getKey();
            w.root(k, id(e.getValue()), THREAD, k == GcRootKind.THREAD_OBJECT ? TRACE : 0);
        }
        w.root(GcRootKind.JNI_GLOBAL, 0); // a null root: ignored
        return w;
    }

    /** The whole dump with its heap in {@code segments} HEAP_DUMP_SEGMENTs (0: one HEAP_DUMP) and an end record. */
    HprofWriter dump(int segments) {
        HprofWriter w = write();
        if (segments == 0) {
            w.heapDump();
        } else {
            w.heapDumpSegments(segments);
        }
        return w.heapDumpEnd();
    }
}
