package io.leakhound.analysis.diff;

import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;

/**
 * The number of entries or elements of a JDK collection, from its own count field ({@code size},
 * {@code count}, {@code elementCount}, {@code baseCount}), looking through set and wrapper classes that
 * delegate to a map or collection; -1 for objects that are not collections; array length for arrays.
 */
final class LogicalSize {
    private static final String[] COUNT_FIELDS = {"size", "count", "elementCount", "baseCount"};
    private static final String[] DELEGATE_FIELDS = {"map", "m", "c", "al", "q"};

    private LogicalSize() {
    }

    static long of(HeapIndex index, ObjectReader reader, long node) {
        for (int depth = 0; depth < 4 && node >= 0; depth++) {
            if (index.classForClassObject(node) != null) {
                return -1;
            }
            if (index.classOf(node).isArray()) {
                return reader.arrayLength(node);
            }
            String name = index.classOf(node).name();
            if (!name.startsWith("java.util.")) {
                return -1;
            }
            ObjectReader.Instance inst = reader.instance(node);
            if (inst == null) {
                return -1;
            }
            for (String f : COUNT_FIELDS) {
                if (inst.has(f) && inst.type().fieldTypes()[fieldIndex(inst, f)].name().equals("INT")) {
                    return inst.value(f);
                }
            }
            long next = -1;
            for (String f : DELEGATE_FIELDS) {
                if (inst.has(f) && inst.id(f) != 0) {
                    next = index.nodeOf(inst.id(f));
                    break;
                }
            }
            node = next;
        }
        return -1;
    }

    private static int fieldIndex(ObjectReader.Instance inst, String field) {
        String[] names = inst.type().fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }
}
