package io.leakhound.heap.index;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the contents of single objects back from the dump by their record offset: instance field values,
 * array elements, string text. For reports and diagnosis on a few objects, not for whole-heap passes.
 * Values read here are heap data: callers decide whether they may be shown.
 *
 * <p>Two ways in: {@link #instance(long)} copies a whole field block into an {@link Instance} (convenient, one
 * allocation and one buffered file read per call); {@link #fieldValue}, {@link #fieldNode}, {@link #arrayLength}
 * and {@link #elementId} read one value straight from the dump (mapped into memory, or paged for gzip dumps)
 * and allocate nothing, for walks over millions of objects such as the entries of a large collection.
 * Field offsets for those come from {@link ClassInfo#fieldOffset(String)}. A reader may be used from several
 * threads.
 */
public final class ObjectReader {
    private static final int TAG_INSTANCE = 0x21;
    private static final int TAG_OBJECT_ARRAY = 0x22;
    private static final int TAG_PRIMITIVE_ARRAY = 0x23;

    private final HeapIndex index;
    private final int idSize;
    /** tag + id + stack serial + class id (instance) or length (arrays). */
    private final int lengthAt;
    /** Where an instance's field block, or an object array's elements, start in the record. */
    private final int payloadAt;
    private DumpBytes bytes;

    public ObjectReader(HeapIndex index) {
        this.index = index;
        this.idSize = index.header().idSize();
        this.lengthAt = 1 + idSize + 4;
        this.payloadAt = 1 + idSize + 4 + 4 + idSize;
    }

    private DumpBytes bytes() {
        DumpBytes b = bytes;
        if (b == null) {
            b = index.dumpBytes();
            bytes = b;
        }
        return b;
    }

    /**
     * Raw value of an instance field at byte offset {@code fieldOffset} of the field block (see
     * {@link ClassInfo#fieldOffset(String)}): the id for {@link BasicType#OBJECT}, the bits for primitives
     * (sign-extended; float and double as raw bits). 0 when the node is not an instance, the offset is negative
     * or the record is too short.
     */
    public long fieldValue(long node, int fieldOffset, BasicType type) {
        DumpBytes b = bytes();
        long record = index.recordOffset(node);
        if (fieldOffset < 0 || node < index.classObjectCount() || (b.getByte(record) & 0xFF) != TAG_INSTANCE) {
            return 0;
        }
        long length = Integer.toUnsignedLong(b.getInt(record + 1 + 2L * idSize + 4));
        if (fieldOffset + (long) type.sizeInDump(idSize) > length) {
            return 0;
        }
        long at = record + 9 + 2L * idSize + fieldOffset;
        return switch (type) {
            case OBJECT -> b.getId(at, idSize);
            case BOOLEAN, BYTE -> b.getByte(at);
            case CHAR -> (char) b.getShort(at);
            case SHORT -> b.getShort(at);
            case INT, FLOAT -> b.getInt(at);
            case LONG, DOUBLE -> b.getLong(at);
        };
    }

    /** The node a reference field at {@code fieldOffset} points to, or -1 for null or an object not in the dump. */
    public long fieldNode(long node, int fieldOffset) {
        long id = fieldValue(node, fieldOffset, BasicType.OBJECT);
        return id == 0 ? -1 : index.nodeOf(id);
    }

    /** Length of an object or primitive array, or -1 for instances and class objects. */
    public int arrayLength(long node) {
        if (node < index.classObjectCount()) {
            return -1;
        }
        DumpBytes b = bytes();
        long record = index.recordOffset(node);
        int tag = b.getByte(record) & 0xFF;
        if (tag != TAG_OBJECT_ARRAY && tag != TAG_PRIMITIVE_ARRAY) {
            return -1;
        }
        return b.getInt(record + lengthAt);
    }

    /** Id of element {@code i} of an object array; 0 for null, an index out of range, or another kind of node. */
    public long elementId(long node, long i) {
        if (node < index.classObjectCount() || i < 0) {
            return 0;
        }
        DumpBytes b = bytes();
        long record = index.recordOffset(node);
        if ((b.getByte(record) & 0xFF) != TAG_OBJECT_ARRAY || i >= Integer.toUnsignedLong(b.getInt(record + lengthAt))) {
            return 0;
        }
        return b.getId(record + payloadAt + i * idSize, idSize);
    }

    /** Node of element {@code i} of an object array, or -1 for null, out of range, or an object not in the dump. */
    public long elementNode(long node, long i) {
        long id = elementId(node, i);
        return id == 0 ? -1 : index.nodeOf(id);
    }

    /** The field block of an instance, or null when the node is not an instance. */
    public Instance instance(long node) {
        Instance[] out = new Instance[1];
        index.file().readAt(index.recordOffset(node), new HprofVisitor() {
            @Override
            public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
                byte[] bytes = new byte[dataLength];
                data.copy(0, bytes, 0, dataLength);
                out[0] = new Instance(index.classOf(node), bytes, data.idSize());
            }
        });
        return out[0];
    }

    /**
     * Index of the first element of an object array equal to {@code targetId}, or -1 (also when the node is not
     * an object array).
     */
    public long indexOfElement(long node, long targetId) {
        long[] found = {-1};
        index.file().readAt(index.recordOffset(node), new HprofVisitor() {
            @Override
            public void objectArray(long id, long arrayClassId, int length, RecordData elements, long off) {
                for (int i = 0; i < length; i++) {
                    if (elements.nextId() == targetId) {
                        found[0] = i;
                        return;
                    }
                }
            }
        });
        return found[0];
    }

    /** Elements of an object array (up to {@code limit}), as ids; empty for other objects. */
    public long[] elements(long node, int limit) {
        long[][] out = {new long[0]};
        index.file().readAt(index.recordOffset(node), new HprofVisitor() {
            @Override
            public void objectArray(long id, long arrayClassId, int length, RecordData elements, long off) {
                int n = Math.min(length, limit);
                long[] ids = new long[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = elements.nextId();
                }
                out[0] = ids;
            }
        });
        return out[0];
    }

    /** Returned by {@link #primitiveArrayHash} for nodes that are not primitive arrays. */
    public static final long NOT_A_PRIMITIVE_ARRAY = Long.MIN_VALUE;

    /**
     * A 64-bit hash of a primitive array's contents and length, read in place from the dump (no copy): equal
     * contents give equal hashes; different contents collide with negligible probability. For duplicate
     * detection without ever materializing the values. {@link #NOT_A_PRIMITIVE_ARRAY} for other nodes.
     */
    public long primitiveArrayHash(long node) {
        if (node < index.classObjectCount()) {
            return NOT_A_PRIMITIVE_ARRAY;
        }
        DumpBytes b = bytes();
        long record = index.recordOffset(node);
        if ((b.getByte(record) & 0xFF) != TAG_PRIMITIVE_ARRAY) {
            return NOT_A_PRIMITIVE_ARRAY;
        }
        long length = Integer.toUnsignedLong(b.getInt(record + lengthAt));
        BasicType type = BasicType.ofTag(b.getByte(record + lengthAt + 4));
        if (type == null) {
            return NOT_A_PRIMITIVE_ARRAY;
        }
        long bytes = length * type.sizeInDump(idSize);
        long at = record + lengthAt + 5;
        long h = 0x9E3779B97F4A7C15L ^ bytes;
        long i = 0;
        for (; i + 8 <= bytes; i += 8) {
            h = Long.rotateLeft((h ^ b.getLong(at + i)) * 0xBF58476D1CE4E5B9L, 31);
        }
        for (; i < bytes; i++) {
            h = Long.rotateLeft((h ^ (b.getByte(at + i) & 0xFF)) * 0x94D049BB133111EBL, 17);
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    /** The raw bytes of a primitive array, or null for other objects. */
    public byte[] primitiveArrayBytes(long node) {
        long offset = index.recordOffset(node);
        int idSize = index.header().idSize();
        byte[] head = index.file().readBytes(offset, 1 + idSize + 9);
        if ((head[0] & 0xFF) != 0x23) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int length = b.getInt(1 + idSize + 4);
        BasicType type = BasicType.ofTag(head[1 + idSize + 8]);
        if (type == null || length < 0) {
            return null;
        }
        long bytes = (long) length * type.sizeInDump(idSize);
        if (bytes > Integer.MAX_VALUE - 16) {
            return null;
        }
        return index.file().readBytes(offset + head.length, (int) bytes);
    }

    /** The text of a {@code java.lang.String} (JDK 8 char[] or JDK 9+ compact byte[]), or null. */
    public String string(long node) {
        ClassInfo c = index.classOf(node);
        if (!c.name().equals("java.lang.String")) {
            return null;
        }
        Instance s = instance(node);
        if (s == null) {
            return null;
        }
        long valueNode = index.nodeOf(s.id("value"));
        if (valueNode < 0) {
            return null;
        }
        byte[] raw = primitiveArrayBytes(valueNode);
        if (raw == null) {
            return null;
        }
        ClassInfo valueClass = index.classOf(valueNode);
        if (valueClass.primitiveArrayType() == BasicType.CHAR) {
            return new String(raw, StandardCharsets.UTF_16BE);
        }
        int coder = s.has("coder") ? (int) s.value("coder") : 0;
        // UTF16 strings in byte[] hold chars in the dumped VM's native order (little-endian on x86 and ARM).
        return coder == 0 ? new String(raw, StandardCharsets.ISO_8859_1) : new String(raw, StandardCharsets.UTF_16LE);
    }

    /** An instance's field values. */
    public static final class Instance {
        private final ClassInfo type;
        private final ByteBuffer data;
        private final int idSize;

        Instance(ClassInfo type, byte[] data, int idSize) {
            this.type = type;
            this.data = ByteBuffer.wrap(data);
            this.idSize = idSize;
        }

        public ClassInfo type() {
            return type;
        }

        public boolean has(String field) {
            return type.fieldOffset(field) >= 0;
        }

        /** Raw value of a field (nearest declaration): id for references, bits for primitives. */
        public long value(String field) {
            for (int i = 0; i < type.fieldNames.length; i++) {
                if (type.fieldNames[i].equals(field)) {
                    return valueAt(i);
                }
            }
            throw new IllegalArgumentException(type.name() + " has no field " + field);
        }

        /** Id held by a reference field, 0 for null or a missing field. */
        public long id(String field) {
            return has(field) ? value(field) : 0;
        }

        /** Raw value of the field at position {@code i} of {@link ClassInfo#fieldNames()}. */
        public long valueAt(int i) {
            int off = type.fieldOffsets[i];
            BasicType t = type.fieldTypes[i];
            if (off + t.sizeInDump(idSize) > data.capacity()) {
                return 0;
            }
            return switch (t) {
                case OBJECT -> idSize == 8 ? data.getLong(off) : data.getInt(off) & 0xFFFFFFFFL;
                case BOOLEAN, BYTE -> data.get(off);
                case CHAR -> data.getChar(off);
                case SHORT -> data.getShort(off);
                case INT, FLOAT -> data.getInt(off);
                case LONG, DOUBLE -> data.getLong(off);
            };
        }

        /** Name of the first reference field holding {@code id}, or null. */
        public String fieldHolding(long id) {
            for (int i = 0; i < type.fieldNames.length; i++) {
                if (type.fieldTypes[i] == BasicType.OBJECT && type.fieldOffsets[i] != type.referentOffset
                        && valueAt(i) == id) {
                    return type.fieldNames[i];
                }
            }
            return null;
        }
    }
}
