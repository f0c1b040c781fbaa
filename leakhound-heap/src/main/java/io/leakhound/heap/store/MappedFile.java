package io.leakhound.heap.store;

import io.leakhound.hprof.Unmapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An existing file mapped read-only in 1 GiB chunks, with big-endian reads at absolute offsets: random access
 * to a dump's records without a system call per read. All chunks are mapped when the file is opened (address
 * space only; pages load on first touch), so reads are safe from several threads. A value that straddles two
 * chunks is assembled byte by byte. Reads past the end of the file throw {@link IndexOutOfBoundsException}.
 */
public final class MappedFile implements AutoCloseable {
    private static final int SHIFT = MappedArray.CHUNK_SHIFT;
    private static final long MASK = MappedArray.CHUNK_BYTES - 1;

    private final Path path;
    private final long size;
    private final ByteBuffer[] chunks;

    private MappedFile(Path path, long size, ByteBuffer[] chunks) {
        this.path = path;
        this.size = size;
        this.chunks = chunks;
    }

    /** Maps {@code path} read-only; the file is not kept open. */
    public static MappedFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MappedFile f = new MappedFile(path, size, new ByteBuffer[(int) ((size + MASK) >>> SHIFT)]);
            f.mapAll(ch);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + path + ": " + e.getMessage(), e);
        }
    }

    private void mapAll(FileChannel ch) throws IOException {
        for (int i = 0; i < chunks.length; i++) {
            long start = (long) i << SHIFT;
            chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(MappedArray.CHUNK_BYTES, size - start))
                    .order(ByteOrder.BIG_ENDIAN);
        }
    }

    /** The chunk holding {@code offset}, mapping the file again after {@link #release()}. */
    private ByteBuffer chunk(long offset) {
        ByteBuffer b = chunks[(int) (offset >>> SHIFT)];
        if (b == null) {
            synchronized (this) {
                if (chunks[(int) (offset >>> SHIFT)] == null) {
                    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                        mapAll(ch);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot map " + path + ": " + e.getMessage(), e);
                    }
                }
                b = chunks[(int) (offset >>> SHIFT)];
            }
        }
        return b;
    }

    /**
     * Unmaps the file so the pages read so far leave the resident set; the next read maps it again. No read
     * may run concurrently with this call.
     */
    public synchronized void release() {
        close();
    }

    public long size() {
        return size;
    }

    public byte getByte(long offset) {
        return chunk(offset).get((int) (offset & MASK));
    }

    public short getShort(long offset) {
        int within = (int) (offset & MASK);
        ByteBuffer b = chunk(offset);
        return within + 2 <= b.limit() ? b.getShort(within) : (short) slow(offset, 2);
    }

    public int getInt(long offset) {
        int within = (int) (offset & MASK);
        ByteBuffer b = chunk(offset);
        return within + 4 <= b.limit() ? b.getInt(within) : (int) slow(offset, 4);
    }

    public long getLong(long offset) {
        int within = (int) (offset & MASK);
        ByteBuffer b = chunk(offset);
        return within + 8 <= b.limit() ? b.getLong(within) : slow(offset, 8);
    }

    /** An unsigned big-endian value of 4 or 8 bytes (an HPROF identifier). */
    public long getId(long offset, int idSize) {
        return idSize == 8 ? getLong(offset) : Integer.toUnsignedLong(getInt(offset));
    }

    private long slow(long offset, int n) {
        if (offset < 0 || offset + n > size) {
            throw new IndexOutOfBoundsException("read of " + n + " bytes at " + offset + " past end " + size);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (getByte(offset + i) & 0xFF);
        }
        return v;
    }

    /** Unmaps the file (a later read maps it again). */
    @Override
    public void close() {
        for (int i = 0; i < chunks.length; i++) {
            ByteBuffer b = chunks[i];
            chunks[i] = null;
            if (b != null) {
                Unmapper.unmap(b);
            }
        }
    }
}
