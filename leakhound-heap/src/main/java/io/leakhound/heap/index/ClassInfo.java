package io.leakhound.heap.index;

import io.leakhound.hprof.BasicType;

/**
 * What the dump says about one class, resolved over its hierarchy: name, super class, loader, the instance
 * field layout in dump order (own fields first, then the super class's), where the reference fields are,
 * and the static fields with their values. Immutable after indexing except for the computed shallow size.
 */
public final class ClassInfo {
    private final int number;
    private final long classId;
    private final String name;
    private final long loaderId;
    private final BasicType primitiveArrayType;
    private final boolean objectArray;
    int superNumber = -1;
    String[] fieldNames = new String[0];
    BasicType[] fieldTypes = new BasicType[0];
    int[] fieldOffsets = new int[0];
    int[] fieldDeclaringClass = new int[0];
    int[] referenceOffsets = new int[0];
    int referentOffset = -1;
    int dataLength;
    String[] staticNames = new String[0];
    BasicType[] staticTypes = new BasicType[0];
    long[] staticValues = new long[0];
    long instanceSize;
    /** A placeholder for a class id the dump never defines: no layout to check instances against. */
    boolean placeholder;
    /** Whether this class's class object or its loader is a GC root (then instances need no edge to it). */
    boolean rootedClassObject;

    ClassInfo(int number, long classId, String name, long loaderId, BasicType primitiveArrayType, boolean objectArray) {
        this.number = number;
        this.classId = classId;
        this.name = name;
        this.loaderId = loaderId;
        this.primitiveArrayType = primitiveArrayType;
        this.objectArray = objectArray;
    }

    /** Dense class number, {@code 0..classCount-1}. */
    public int number() {
        return number;
    }

    /** Id of the class object in the dump, 0 for classes the dump does not hold (synthetic). */
    public long classId() {
        return classId;
    }

    /** Java source form: {@code java.util.HashMap$Node}, {@code byte[]}. */
    public String name() {
        return name;
    }

    public long loaderId() {
        return loaderId;
    }

    /** Class number of the super class, -1 for none. */
    public int superNumber() {
        return superNumber;
    }

    public boolean isArray() {
        return objectArray || primitiveArrayType != null;
    }

    public boolean isObjectArray() {
        return objectArray;
    }

    /** Element type of a primitive array class, null otherwise. */
    public BasicType primitiveArrayType() {
        return primitiveArrayType;
    }

    /** All instance fields over the hierarchy, in dump order. */
    public String[] fieldNames() {
        return fieldNames.clone();
    }

    public BasicType[] fieldTypes() {
        return fieldTypes.clone();
    }

    /** Byte offset of each field in an instance's dump record. */
    public int[] fieldOffsets() {
        return fieldOffsets.clone();
    }

    /** Offset in the instance record of the field with this name (nearest declaration first), or -1. */
    public int fieldOffset(String fieldName) {
        for (int i = 0; i < fieldNames.length; i++) {
            if (fieldNames[i].equals(fieldName)) {
                return fieldOffsets[i];
            }
        }
        return -1;
    }

    /** Offsets of the reference fields (excluding {@code Reference.referent}). */
    int[] referenceOffsets() {
        return referenceOffsets;
    }


    /** Offset of {@code java.lang.ref.Reference.referent} for reference classes, else -1. */
    public int referentOffset() {
        return referentOffset;
    }

    /** Length in bytes of an instance's field block in the dump. */
    public int dataLength() {
        return dataLength;
    }

    public String[] staticNames() {
        return staticNames.clone();
    }

    public BasicType[] staticTypes() {
        return staticTypes.clone();
    }

    public long[] staticValues() {
        return staticValues.clone();
    }

    /** Shallow size of one instance under the dump's size model (0 for array classes). */
    public long instanceSize() {
        return instanceSize;
    }

    @Override
    public String toString() {
        return name;
    }
}
