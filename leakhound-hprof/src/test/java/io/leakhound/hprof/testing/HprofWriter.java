package io.leakhound.hprof.testing;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes small synthetic HPROF dumps for tests, with the byte offset of every top-level record and every
 * heap sub-record, so tests can cut a dump at (or inside) any record.
 *
 * <p>Top-level records (UTF8, LOAD_CLASS, FRAME, TRACE, unknown tags, raw bytes) are written at once. Heap
 * sub-records (class dumps, instances, arrays, GC roots) are queued and written when the heap is flushed with
 * {@link #heapDump()} (one HEAP_DUMP record) or {@link #heapDumpSegments(int)} (N HEAP_DUMP_SEGMENT records,
 * split at sub-record boundaries as HotSpot does), optionally followed by {@link #heapDumpEnd()}.
 *
 * <pre>{@code
 * HprofWriter w = new HprofWriter(8);
 * w.defineClass(OBJECT, "java/lang/Object").end();
 * w.defineClass(FOO, "com/example/Foo").superclass(OBJECT).field("next", BasicType.OBJECT).end();
 * w.instance(0x1000, FOO).ref(0x1010).end();
 * w.root(GcRootKind.STICKY_CLASS, FOO);
 * w.heapDumpSegments(2).heapDumpEnd();
 * Path file = w.writeTo(dir.resolve("test.hprof"));
 * }</pre>
 */
public final class HprofWriter {
    public static final int TAG_UTF8 = 0x01;
    public static final int TAG_LOAD_CLASS = 0x02;
    public static final int TAG_UNLOAD_CLASS = 0x03;
    public static final int TAG_FRAME = 0x04;
    public static final int TAG_TRACE = 0x05;
    public static final int TAG_HEAP_DUMP = 0x0C;
    public static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;
    public static final int TAG_HEAP_DUMP_END = 0x2C;

    public static final int SUB_CLASS_DUMP = 0x20;
    public static final int SUB_INSTANCE_DUMP = 0x21;
    public static final int SUB_OBJ_ARRAY_DUMP = 0x22;
    public static final int SUB_PRIM_ARRAY_DUMP = 0x23;

    /** Default dump timestamp (2023-11-14T22:13:20Z). */
    public static final long DEFAULT_MILLIS = 1_700_000_000_000L;

    /**
     * A top-level record as written.
     *
     * @param tag the record tag
     * @param start offset of the tag byte
     * @param end offset just after the body (as written; the length field may have been patched)
     */
    public record Record(int tag, long start, long end) {
        /** Offset of the first body byte. */
        public long bodyStart() {
            return start + 9;
        }
    }

    /**
     * A heap sub-record as written.
     *
     * @param tag the sub-record tag
     * @param objectId the object the sub-record dumps or names as root (0 for none)
     * @param start offset of the tag byte
     * @param end offset just after the sub-record
     */
    public record SubRecord(int tag, long objectId, long start, long end) {
        /** Whether this dumps an object (class, instance, object or primitive array) rather than a root. */
        public boolean isObject() {
            return tag == SUB_CLASS_DUMP || tag == SUB_INSTANCE_DUMP || tag == SUB_OBJ_ARRAY_DUMP
                    || tag == SUB_PRIM_ARRAY_DUMP;
        }

        /** Whether this is a GC root sub-record. */
        public boolean isRoot() {
            return tag == 0xFF || (tag >= 0x01 && tag <= 0x08) || (tag >= 0x89 && tag <= 0x8E);
        }
    }

    private record Pending(int tag, long objectId, byte[] bytes) {
    }

    private final int idSize;
    private final Out out;
    private final long headerLength;
    private final List<Record> records = new ArrayList<>();
    private final List<SubRecord> subRecords = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Long> strings = new HashMap<>();
    private long nextStringId = 0x10;
    private int nextClassSerial = 1;

    /** A writer for a {@code JAVA PROFILE 1.0.2} dump with the given identifier size (4 or 8). */
    public HprofWriter(int idSize) {
        this("JAVA PROFILE 1.0.2", idSize, DEFAULT_MILLIS);
    }

    /**
     * A writer with any header, including invalid ones: {@code idSize} is written as given, while values in
     * the body are written with 8 bytes per id unless {@code idSize} is 4.
     */
    public HprofWriter(String format, int idSize, long millis) {
        this.idSize = idSize == 4 ? 4 : 8;
        this.out = new Out(this.idSize);
        out.bytes(format.getBytes(StandardCharsets.ISO_8859_1));
        out.u1(0);
        out.u4(idSize);
        out.u8(millis);
        this.headerLength = out.size();
    }

    public int idSize() {
        return idSize;
    }

    /** Bytes taken by the file header; the first record starts here. */
    public long headerLength() {
        return headerLength;
    }

    /** Bytes written so far. */
    public long size() {
        return out.size();
    }

    /** Top-level records written so far, in file order. */
    public List<Record> records() {
        return Collections.unmodifiableList(records);
    }

    /** Heap sub-records flushed so far, in file order. */
    public List<SubRecord> subRecords() {
        return Collections.unmodifiableList(subRecords);
    }

    /** The first flushed sub-record dumping the object with this id. */
    public SubRecord objectRecord(long objectId) {
        for (SubRecord s : subRecords) {
            if (s.isObject() && s.objectId() == objectId) {
                return s;
            }
        }
        throw new IllegalArgumentException("no object record for id 0x" + Long.toHexString(objectId));
    }

    /**
     * Offsets where the file can be cut between top-level records: the end of the header, the start of every
     * record and the end of the file.
     */
    public List<Long> recordBoundaries() {
        List<Long> b = new ArrayList<>();
        b.add(headerLength);
        for (Record r : records) {
            b.add(r.end());
        }
        return b;
    }

    // ---------------------------------------------------------------- top-level records

    /** A top-level record with any tag and body; the length field is the body length. */
    public HprofWriter record(int tag, byte[] body) {
        long start = out.size();
        out.u1(tag);
        out.u4(0);
        out.u4(body.length);
        out.bytes(body);
        records.add(new Record(tag, start, out.size()));
        return this;
    }

    /** Appends raw bytes that are not a record (for corrupt input). */
    public HprofWriter raw(byte[] bytes) {
        out.bytes(bytes);
        return this;
    }

    /** Overwrites the length field of a written record, e.g. with a length running past the file. */
    public HprofWriter patchLength(Record record, long declaredLength) {
        out.patchU4(record.start() + 5, (int) declaredLength);
        return this;
    }

    /** A UTF8 record with an explicit id. */
    public HprofWriter utf8(long id, String text) {
        Out b = body();
        b.id(id);
        b.bytes(text.getBytes(StandardCharsets.UTF_8));
        return record(TAG_UTF8, b.toByteArray());
    }

    /** The UTF8 id of a string, writing its UTF8 record on first use. */
    public long string(String text) {
        Long id = strings.get(text);
        if (id == null) {
            id = nextStringId;
            nextStringId += 8;
            strings.put(text, id);
            utf8(id, text);
        }
        return id;
    }

    /** A LOAD_CLASS record. */
    public HprofWriter loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
        Out b = body();
        b.u4(classSerial);
        b.id(classId);
        b.u4(stackTraceSerial);
        b.id(nameId);
        return record(TAG_LOAD_CLASS, b.toByteArray());
    }

    /** A LOAD_CLASS record for a JVM class name ({@code java/lang/String}, {@code [B}); returns its serial. */
    public int loadClass(long classId, String jvmName) {
        int serial = nextClassSerial++;
        loadClass(serial, classId, 0, string(jvmName));
        return serial;
    }

    public HprofWriter unloadClass(int classSerial) {
        Out b = body();
        b.u4(classSerial);
        return record(TAG_UNLOAD_CLASS, b.toByteArray());
    }

    /** A FRAME record with explicit UTF8 ids. */
    public HprofWriter frame(long frameId, long methodNameId, long signatureId, long sourceFileId,
                             int classSerial, int line) {
        Out b = body();
        b.id(frameId);
        b.id(methodNameId);
        b.id(signatureId);
        b.id(sourceFileId);
        b.u4(classSerial);
        b.u4(line);
        return record(TAG_FRAME, b.toByteArray());
    }

    /** A FRAME record, writing the strings as needed. */
    public HprofWriter frame(long frameId, String method, String signature, String sourceFile, int classSerial,
                             int line) {
        return frame(frameId, string(method), string(signature), string(sourceFile), classSerial, line);
    }

    public HprofWriter trace(int serial, int threadSerial, long... frameIds) {
        Out b = body();
        b.u4(serial);
        b.u4(threadSerial);
        b.u4(frameIds.length);
        for (long f : frameIds) {
            b.id(f);
        }
        return record(TAG_TRACE, b.toByteArray());
    }

    // ---------------------------------------------------------------- heap sub-records (queued)

    /** LOAD_CLASS now plus a CLASS_DUMP queued when the returned builder {@linkplain ClassDef#end() ends}. */
    public ClassDef defineClass(long classId, String jvmName) {
        loadClass(classId, jvmName);
        return new ClassDef(classId);
    }

    /** A CLASS_DUMP without LOAD_CLASS record. */
    public ClassDef classDump(long classId) {
        return new ClassDef(classId);
    }

    /** An INSTANCE_DUMP; its field values (own class first, then super classes) follow on the builder. */
    public InstanceDef instance(long id, long classId) {
        return new InstanceDef(id, classId);
    }

    public HprofWriter objectArray(long id, long arrayClassId, long... elements) {
        Out b = body();
        b.u1(SUB_OBJ_ARRAY_DUMP);
        b.id(id);
        b.u4(0);
        b.u4(elements.length);
        b.id(arrayClassId);
        for (long e : elements) {
            b.id(e);
        }
        return queue(SUB_OBJ_ARRAY_DUMP, id, b);
    }

    /** A PRIM_ARRAY_DUMP of {@code length} elements with arbitrary (deterministic) content. */
    public HprofWriter primitiveArray(long id, BasicType type, int length) {
        if (type == BasicType.OBJECT) {
            throw new IllegalArgumentException("not a primitive type");
        }
        byte[] data = new byte[length * type.sizeInDump(idSize)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return primitiveArray(id, type, length, data);
    }

    /** A PRIM_ARRAY_DUMP with explicit element bytes (big-endian). */
    public HprofWriter primitiveArray(long id, BasicType type, int length, byte[] data) {
        Out b = body();
        b.u1(SUB_PRIM_ARRAY_DUMP);
        b.id(id);
        b.u4(0);
        b.u4(length);
        b.u1(type.tag());
        b.bytes(data);
        return queue(SUB_PRIM_ARRAY_DUMP, id, b);
    }

    public HprofWriter byteArray(long id, byte... data) {
        return primitiveArray(id, BasicType.BYTE, data.length, data);
    }

    /** A GC root with thread serial 1 and frame number 0 where the kind has them. */
    public HprofWriter root(GcRootKind kind, long objectId) {
        return root(kind, objectId, 1, 0);
    }

    /**
     * A GC root sub-record laid out as its kind requires: one id (unknown, sticky class, monitor, Android
     * kinds), id + JNI global ref id, id + thread serial (native stack, thread block), or id + thread serial +
     * frame number (JNI local, Java frame, JNI monitor; thread object: thread serial + stack trace serial).
     */
    public HprofWriter root(GcRootKind kind, long objectId, int threadSerial, int frameNumber) {
        Out b = body();
        b.u1(kind.tag());
        b.id(objectId);
        switch (kind) {
            case JNI_GLOBAL -> b.id(0x7777_7770L);
            case JNI_LOCAL, JAVA_FRAME, THREAD_OBJECT, JNI_MONITOR -> {
                b.u4(threadSerial);
                b.u4(frameNumber);
            }
            case NATIVE_STACK, THREAD_BLOCK -> b.u4(threadSerial);
            default -> {
            }
        }
        return queue(kind.tag(), objectId, b);
    }

    /** Any heap sub-record as raw bytes (tag byte included), e.g. an unknown tag or a corrupt record. */
    public HprofWriter heapSubRecord(byte[] bytesWithTag, long objectId) {
        Out b = body();
        b.bytes(bytesWithTag);
        return queue(bytesWithTag.length == 0 ? -1 : bytesWithTag[0] & 0xFF, objectId, b);
    }

    /** Number of heap sub-records queued and not yet flushed. */
    public int pendingSubRecords() {
        return pending.size();
    }

    /** Writes the queued sub-records as one HEAP_DUMP record. */
    public HprofWriter heapDump() {
        writeHeapRecord(TAG_HEAP_DUMP, pending);
        pending.clear();
        return this;
    }

    /** Writes the queued sub-records as one HEAP_DUMP_SEGMENT record. */
    public HprofWriter heapDumpSegment() {
        return heapDumpSegments(1);
    }

    /**
     * Writes the queued sub-records as {@code n} HEAP_DUMP_SEGMENT records of about equal sub-record counts
     * (trailing segments are empty when there are fewer sub-records than segments).
     */
    public HprofWriter heapDumpSegments(int n) {
        int total = pending.size();
        int from = 0;
        for (int i = 0; i < n; i++) {
            int to = (int) ((long) total * (i + 1) / n);
            writeHeapRecord(TAG_HEAP_DUMP_SEGMENT, pending.subList(from, to));
            from = to;
        }
        pending.clear();
        return this;
    }

    public HprofWriter heapDumpEnd() {
        return record(TAG_HEAP_DUMP_END, new byte[0]);
    }

    private void writeHeapRecord(int tag, List<Pending> subs) {
        long start = out.size();
        int length = 0;
        for (Pending p : subs) {
            length += p.bytes().length;
        }
        out.u1(tag);
        out.u4(0);
        out.u4(length);
        for (Pending p : subs) {
            long s = out.size();
            out.bytes(p.bytes());
            subRecords.add(new SubRecord(p.tag(), p.objectId(), s, out.size()));
        }
        records.add(new Record(tag, start, out.size()));
    }

    private HprofWriter queue(int tag, long objectId, Out b) {
        pending.add(new Pending(tag, objectId, b.toByteArray()));
        return this;
    }

    private Out body() {
        return new Out(idSize);
    }

    // ---------------------------------------------------------------- output

    public byte[] toByteArray() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " heap sub-records not flushed: call heapDump()");
        }
        return out.toByteArray();
    }

    /** Writes the dump to {@code file} and returns it. */
    public Path writeTo(Path file) {
        return write(file, toByteArray());
    }

    /** Writes the first {@code length} bytes of the dump to {@code file} and returns it. */
    public Path writePrefixTo(Path file, long length) {
        byte[] all = toByteArray();
        byte[] cut = new byte[(int) length];
        System.arraycopy(all, 0, cut, 0, cut.length);
        return write(file, cut);
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- gzip

    /** One gzip member holding all of {@code data}, as {@code gzip file.hprof} writes. */
    public static byte[] gzip(byte[] data) {
        return gzipMember(data, 0, data.length, null);
    }

    /**
     * Concatenated gzip members of {@code memberSize} uncompressed bytes each, the first one with the comment
     * {@code HPROF BLOCKSIZE=memberSize}, as {@code jcmd GC.heap_dump -gz=1} writes.
     */
    public static byte[] gzipMembers(byte[] data, int memberSize) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int off = 0; off < data.length || off == 0; off += memberSize) {
            int len = Math.min(memberSize, data.length - off);
            String comment = off == 0 ? "HPROF BLOCKSIZE=" + memberSize : null;
            o.writeBytes(gzipMember(data, off, len, comment));
            if (data.length == 0) {
                break;
            }
        }
        return o.toByteArray();
    }

    /**
     * Where each member of {@link #gzipMembers(byte[], int)} starts in its output, plus the output length
     * as the last element, so tests can cut a chunked gzip file inside a given member.
     */
    public static long[] gzipMemberOffsets(byte[] data, int memberSize) {
        List<Long> offsets = new ArrayList<>();
        long pos = 0;
        for (int off = 0; off < data.length || off == 0; off += memberSize) {
            offsets.add(pos);
            int len = Math.min(memberSize, data.length - off);
            pos += gzipMember(data, off, len, off == 0 ? "HPROF BLOCKSIZE=" + memberSize : null).length;
            if (data.length == 0) {
                break;
            }
        }
        offsets.add(pos);
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    /** Gzips a file into one member. */
    public static Path gzip(Path in, Path out) {
        try {
            return write(out, gzip(Files.readAllBytes(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gzips a file into concatenated members of {@code memberSize} uncompressed bytes. */
    public static Path gzipMembers(Path in, Path out, int memberSize) {
        try {
            return write(out, gzipMembers(Files.readAllBytes(in), memberSize));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzipMember(byte[] data, int off, int len, String comment) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x1F);
        o.write(0x8B);
        o.write(8); // deflate
        o.write(comment == null ? 0 : 0x10); // FCOMMENT
        o.writeBytes(new byte[] {0, 0, 0, 0}); // mtime
        o.write(0); // extra flags
        o.write(3); // OS: Unix
        if (comment != null) {
            o.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
            o.write(0);
        }
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data, off, len);
        d.finish();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            int n = d.deflate(buf);
            o.write(buf, 0, n);
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        le32(o, crc.getValue());
        le32(o, len);
        return o.toByteArray();
    }

    private static void le32(ByteArrayOutputStream o, long v) {
        o.write((int) v & 0xFF);
        o.write((int) (v >>> 8) & 0xFF);
        o.write((int) (v >>> 16) & 0xFF);
        o.write((int) (v >>> 24) & 0xFF);
    }

    // ---------------------------------------------------------------- builders

    /** Builder of one CLASS_DUMP sub-record. */
    public final class ClassDef {
        private final long classId;
        private long superId;
        private long loaderId;
        private Integer instanceSize;
        private final Out constants = new Out(idSize);
        private int constantCount;
        private final Out statics = new Out(idSize);
        private int staticCount;
        private final Out fields = new Out(idSize);
        private int fieldCount;
        private int fieldBytes;

        private ClassDef(long classId) {
            this.classId = classId;
        }

        public ClassDef superclass(long id) {
            this.superId = id;
            return this;
        }

        public ClassDef loader(long id) {
            this.loaderId = id;
            return this;
        }

        /** The instance size written in the record; by default the sum of the declared field sizes. */
        public ClassDef instanceSize(int bytes) {
            this.instanceSize = bytes;
            return this;
        }

        /** A constant-pool entry (HotSpot writes none, but the format allows them). */
        public ClassDef constant(int index, BasicType type, long value) {
            constants.u2(index);
            constants.u1(type.tag());
            constants.value(type, value);
            constantCount++;
            return this;
        }

        /** A static field; {@code value} is an id for references, the raw bits for primitives. */
        public ClassDef staticField(String name, BasicType type, long value) {
            statics.id(string(name));
            statics.u1(type.tag());
            statics.value(type, value);
            staticCount++;
            return this;
        }

        /** A declared (not inherited) instance field, in dump order. */
        public ClassDef field(String name, BasicType type) {
            fields.id(string(name));
            fields.u1(type.tag());
            fieldCount++;
            fieldBytes += type.sizeInDump(idSize);
            return this;
        }

        /** Queues the CLASS_DUMP sub-record and returns the writer. */
        public HprofWriter end() {
            Out b = body();
            b.u1(SUB_CLASS_DUMP);
            b.id(classId);
            b.u4(0);
            b.id(superId);
            b.id(loaderId);
            b.id(0); // signers
            b.id(0); // protection domain
            b.id(0); // reserved
            b.id(0); // reserved
            b.u4(instanceSize == null ? fieldBytes : instanceSize);
            b.u2(constantCount);
            b.bytes(constants.toByteArray());
            b.u2(staticCount);
            b.bytes(statics.toByteArray());
            b.u2(fieldCount);
            b.bytes(fields.toByteArray());
            return queue(SUB_CLASS_DUMP, classId, b);
        }
    }

    /** Builder of one INSTANCE_DUMP sub-record: field values in dump order (own fields, then super's). */
    public final class InstanceDef {
        private final long id;
        private final long classId;
        private final Out data = new Out(idSize);
        private Integer declaredLength;

        private InstanceDef(long id, long classId) {
            this.id = id;
            this.classId = classId;
        }

        public InstanceDef ref(long objectId) {
            data.id(objectId);
            return this;
        }

        public InstanceDef bool(boolean v) {
            data.u1(v ? 1 : 0);
            return this;
        }

        public InstanceDef b(int v) {
            data.u1(v);
            return this;
        }

        public InstanceDef ch(char v) {
            data.u2(v);
            return this;
        }

        public InstanceDef s(int v) {
            data.u2(v);
            return this;
        }

        public InstanceDef i(int v) {
            data.u4(v);
            return this;
        }

        public InstanceDef j(long v) {
            data.u8(v);
            return this;
        }

        public InstanceDef f(float v) {
            data.u4(Float.floatToRawIntBits(v));
            return this;
        }

        public InstanceDef d(double v) {
            data.u8(Double.doubleToRawLongBits(v));
            return this;
        }

        public InstanceDef raw(byte[] bytes) {
            data.bytes(bytes);
            return this;
        }

        /** Writes this length instead of the real length of the field bytes (for corrupt records). */
        public InstanceDef declaredLength(int length) {
            this.declaredLength = length;
            return this;
        }

        /** Queues the INSTANCE_DUMP sub-record and returns the writer. */
        public HprofWriter end() {
            byte[] fieldBytes = data.toByteArray();
            Out b = body();
            b.u1(SUB_INSTANCE_DUMP);
            b.id(id);
            b.u4(0);
            b.id(classId);
            b.u4(declaredLength == null ? fieldBytes.length : declaredLength);
            b.bytes(fieldBytes);
            return queue(SUB_INSTANCE_DUMP, id, b);
        }
    }

    /** Big-endian byte sink with HPROF-sized identifiers. */
    private static final class Out {
        private final int idSize;
        private byte[] buf = new byte[256];
        private int size;

        Out(int idSize) {
            this.idSize = idSize;
        }

        int size() {
            return size;
        }

        private void grow(int n) {
            if (size + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void u1(int v) {
            grow(1);
            buf[size++] = (byte) v;
        }

        void u2(int v) {
            u1(v >>> 8);
            u1(v);
        }

        void u4(int v) {
            u2(v >>> 16);
            u2(v);
        }

        void u8(long v) {
            u4((int) (v >>> 32));
            u4((int) v);
        }

        void id(long v) {
            if (idSize == 4) {
                u4((int) v);
            } else {
                u8(v);
            }
        }

        void value(BasicType type, long v) {
            switch (type) {
                case OBJECT -> id(v);
                case BOOLEAN, BYTE -> u1((int) v);
                case CHAR, SHORT -> u2((int) v);
                case INT, FLOAT -> u4((int) v);
                case LONG, DOUBLE -> u8(v);
            }
        }

        void bytes(byte[] b) {
            grow(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void patchU4(long at, int v) {
            int p = (int) at;
            buf[p] = (byte) (v >>> 24);
            buf[p + 1] = (byte) (v >>> 16);
            buf[p + 2] = (byte) (v >>> 8);
            buf[p + 3] = (byte) v;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
