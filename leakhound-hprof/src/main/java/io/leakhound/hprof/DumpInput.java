package io.leakhound.hprof;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Buffered big-endian reader over a file channel with an absolute position, built for one sequential scan
 * of a large file: reads go through one large direct buffer that is refilled on demand (the kernel copies
 * into it once; a heap buffer would cost a second copy through a temporary direct buffer), and primitives are
 * decoded straight from it. Not thread-safe.
 *
 * <p>Reads always go through a read-only buffer, whether it is a mapped window or a view of the refilled direct
 * buffer, so the JIT sees a single buffer class at every read and the compiled scan loops are not thrown away
 * when the first mapped window (or the first buffered read) comes along.
 */
final class DumpInput implements Closeable {
    private static final int DEFAULT_CAPACITY = 8 << 20;
    /** Bytes mapped at once by a mapped reader; tests shrink it to cross window boundaries often. */
    static int scanWindow = 64 << 20;
    /** Whether scans map the file: where unmapping is immediate; tests switch it. */
    static boolean mapScans = Unmapper.unmapsImmediately();

    private final FileChannel channel;
    private final long size;
    private final int idSize;
    /** Whether {@link #buf} is a window of the file mapped (replaced and unmapped as the reader moves on). */
    private final boolean mapped;
    /** What reads go through: a mapped window or a read-only view of {@link #fillBuf}; always read-only. */
    private ByteBuffer buf;
    /** The writable direct buffer behind {@link #buf}; null once {@link #buf} is a mapped window. */
    private ByteBuffer fillBuf;
    private long bufStart;
    private int pos;
    private int limit;

    /**
     * A reader for a scan front to back: through windows of the file mapped one after the other where they can
     * be unmapped at once (see {@link Unmapper}), which spares copying every byte out of the page cache; else
     * through a large buffer.
     */
    static DumpInput forScan(FileChannel channel, long size, int idSize) {
        return mapScans ? new DumpInput(channel, size, idSize, 0, true)
                : new DumpInput(channel, size, idSize, DEFAULT_CAPACITY, false);
    }

    /** A reader with a buffer of a given initial size (small for random access). */
    DumpInput(FileChannel channel, long size, int idSize, int capacity) {
        this(channel, size, idSize, capacity, false);
    }

    private DumpInput(FileChannel channel, long size, int idSize, int capacity, boolean mapped) {
        this.channel = channel;
        this.size = size;
        this.idSize = idSize;
        this.mapped = mapped;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        fillBuf = ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
        buf = fillBuf.asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    }

    long size() {
        return size;
    }

    int idSize() {
        return idSize;
    }

    long position() {
        return bufStart + pos;
    }

    long remaining() {
        return size - position();
    }

    /** Moves to an absolute file offset, keeping buffered bytes when the offset is inside the buffer. */
    void seek(long offset) {
        if (offset >= bufStart && offset <= bufStart + limit) {
            pos = (int) (offset - bufStart);
        } else {
            bufStart = offset;
            pos = 0;
            limit = 0;
        }
    }

    void skip(long n) {
        seek(position() + n);
    }

    /**
     * Makes at least {@code n} bytes readable from the buffer at the current position.
     *
     * @return false when the file ends before {@code n} more bytes
     */
    boolean ensure(int n) {
        if (limit - pos >= n) {
            return true;
        }
        if (remaining() < n) {
            return false;
        }
        if (mapped) {
            mapWindow(n);
            return true;
        }
        if (n > fillBuf.capacity()) {
            allocate(Math.max(n, fillBuf.capacity() * 2));
            limit = 0;
            pos = 0;
        }
        fill();
        return true;
    }

    /** Maps the file from the current position on: a window, or {@code n} bytes if more. */
    private void mapWindow(int n) {
        long start = bufStart + pos;
        long length = Math.min(Math.max(scanWindow, n), size - start);
        ByteBuffer old = buf;
        try {
            buf = channel.map(FileChannel.MapMode.READ_ONLY, start, length).order(ByteOrder.BIG_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fillBuf == null) {  // the previous window
            Unmapper.unmap(old);
        }
        fillBuf = null;
        bufStart = start;
        pos = 0;
        limit = (int) length;
    }

    private void fill() {
        long start = bufStart + pos;
        int keep = limit - pos;
        if (keep > 0) {
            fillBuf.limit(limit).position(pos);
            fillBuf.compact();  // moves the kept bytes to the front
            fillBuf.clear();
        } else {
            keep = 0;
        }
        bufStart = start;
        pos = 0;
        limit = keep;
        try {
            long want = Math.min(fillBuf.capacity() - keep, size - (start + keep));
            while (want > 0) {
                ByteBuffer view = fillBuf.duplicate().clear().position(limit).limit(limit + (int) want);
                int read = channel.read(view, bufStart + limit);
                if (read <= 0) {
                    break;
                }
                limit += read;
                want -= read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ByteBuffer buffer() {
        return buf;
    }

    /** Index in {@link #buffer()} of the current position; valid until the next {@link #ensure}. */
    int bufferIndex() {
        return pos;
    }

    int u1() {
        return buf.get(pos++) & 0xFF;
    }

    int u2() {
        int v = buf.getShort(pos) & 0xFFFF;
        pos += 2;
        return v;
    }

    int u4() {
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    long u8() {
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    long id() {
        if (idSize == 8) {
            long v = buf.getLong(pos);
            pos += 8;
            return v;
        }
        long v = buf.getInt(pos) & 0xFFFFFFFFL;
        pos += 4;
        return v;
    }

    /** Reads an identifier at a buffer index without moving. */
    long idAt(int index) {
        return idSize == 8 ? buf.getLong(index) : buf.getInt(index) & 0xFFFFFFFFL;
    }

    void bytes(byte[] dst, int off, int len) {
        buf.get(pos, dst, off, len);
        pos += len;
    }

    void advance(int n) {
        pos += n;
    }

    @Override
    public void close() {
        if (fillBuf == null) {  // a mapped window
            Unmapper.unmap(buf);
            allocate(0);
            limit = 0;
            pos = 0;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
