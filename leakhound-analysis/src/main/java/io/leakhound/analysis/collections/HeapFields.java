package io.leakhound.analysis.collections;

import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.hprof.BasicType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field reads by name for inspectors: resolves a name to an offset and type once per class, then reads the
 * value straight from the dump through {@link ObjectReader}'s allocation-free path. References come back as
 * node numbers, -1 ({@link CollectionInfo#NONE}) for null, a missing object or a missing field. For hot loops
 * over many entries use a {@link FieldSlot}.
 */
public final class HeapFields {
    private final HeapIndex index;
    private final ObjectReader reader;
    private final ConcurrentHashMap<Integer, Layout> layouts = new ConcurrentHashMap<>();

    public HeapFields(HeapIndex index) {
        this.index = index;
        this.reader = new ObjectReader(index);
    }

    public HeapIndex index() {
        return index;
    }

    public ObjectReader reader() {
        return reader;
    }

    /** The class name of a node. */
    public String className(long node) {
        return index.classOf(node).name();
    }

    /** Whether instances of the node's class have a field of this name (over the hierarchy). */
    public boolean has(long node, String field) {
        return layout(index.classNumberOf(node)).find(field) >= 0;
    }

    /** The node a reference field points to; -1 for null, a missing object or no such reference field. */
    public long ref(long node, String field) {
        Layout l = layout(index.classNumberOf(node));
        int i = l.find(field);
        if (i < 0 || l.types[i] != BasicType.OBJECT) {
            return CollectionInfo.NONE;
        }
        return reader.fieldNode(node, l.offsets[i]);
    }

    /**
     * An integral primitive field widened to long (boolean as 0/1), or {@code absent} when the class has no
     * primitive field of that name.
     */
    public long primitive(long node, String field, long absent) {
        Layout l = layout(index.classNumberOf(node));
        int i = l.find(field);
        if (i < 0 || l.types[i] == BasicType.OBJECT || l.types[i] == BasicType.FLOAT || l.types[i] == BasicType.DOUBLE) {
            return absent;
        }
        return reader.fieldValue(node, l.offsets[i], l.types[i]);
    }

    /**
     * A number held either by a primitive field or by an {@code AtomicInteger}/{@code AtomicLong} in that field
     * (its {@code value}); {@code absent} otherwise.
     */
    public long number(long node, String field, long absent) {
        long v = primitive(node, field, Long.MIN_VALUE);
        if (v != Long.MIN_VALUE) {
            return v;
        }
        long boxed = ref(node, field);
        return boxed < 0 ? absent : primitive(boxed, "value", absent);
    }

    /** Length of an array node, -1 for other nodes and for -1. */
    public int arrayLength(long node) {
        return node < 0 ? -1 : reader.arrayLength(node);
    }

    /** Node of element {@code i} of an object array, -1 for null or out of range. */
    public long element(long array, long i) {
        return reader.elementNode(array, i);
    }

    /**
     * A cached lookup of a reference field for walks over many objects of a few classes; with several names
     * the first one a class has. Not thread-safe.
     */
    public FieldSlot slot(String... names) {
        return new FieldSlot(this, names);
    }

    Layout layout(int classNumber) {
        return layouts.computeIfAbsent(classNumber, n -> new Layout(index.classes().get(n)));
    }

    /** One class's instance fields, copied once. */
    static final class Layout {
        final String[] names;
        final BasicType[] types;
        final int[] offsets;

        Layout(ClassInfo c) {
            this.names = c.fieldNames();
            this.types = c.fieldTypes();
            this.offsets = c.fieldOffsets();
        }

        /** Index of the nearest declaration of {@code name}, or -1. */
        int find(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
