package io.leakhound.hprof;


/**
 * A reused view of the payload of the heap sub-record being visited. It is valid only during the visitor
 * call that receives it; copy what you need. For an instance dump the whole field block is readable at
 * once through the {@code *At} methods (offsets relative to the first field byte); for an object array the
 * elements are read in order with {@link #nextId()}, so arrays larger than any buffer still stream.
 */
public final class RecordData {
    private final DumpInput in;
    private int base;

    RecordData(DumpInput in) {
        this.in = in;
    }

    void startAt(int bufferIndex) {
        this.base = bufferIndex;
    }

    /** Identifier size of the dump, 4 or 8. */
    public int idSize() {
        return in.idSize();
    }

    /** An object id stored at {@code offset} bytes into the instance's field block. */
    public long idAt(int offset) {
        return in.idAt(base + offset);
    }

    public int intAt(int offset) {
        return in.buffer().getInt(base + offset);
    }

    public long longAt(int offset) {
        return in.buffer().getLong(base + offset);
    }

    public short shortAt(int offset) {
        return in.buffer().getShort(base + offset);
    }

    public byte byteAt(int offset) {
        return in.buffer().get(base + offset);
    }

    /** Copies {@code len} bytes of the field block into {@code dst}. */
    public void copy(int offset, byte[] dst, int dstOffset, int len) {
        in.buffer().get(base + offset, dst, dstOffset, len);
    }

    /**
     * The next element of an object array; call it at most {@code length} times within the visit.
     */
    public long nextId() {
        if (!in.ensure(in.idSize())) {
            throw new TruncatedException();
        }
        return in.id();
    }

    /** Thrown inside a scan when an array runs past the end of the file; caught by the scanner. */
    static final class TruncatedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TruncatedException() {
            super("truncated", null, false, false);
        }
    }
}
