package io.leakhound.heap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Base of the long-indexed arrays: a temp file mapped in fixed-size chunks, each mapped on first use.
 * New files read as zeros. Not thread-safe for mapping; element access from several threads is fine once
 * every chunk used is mapped (see {@link #mapAll()}).
 */
public abstract class MappedArray implements AutoCloseable {
    /** log2 of the chunk size in bytes (1 GiB); arrays up to this size use one mapping and a faster path. */
    static final int CHUNK_SHIFT = 30;
    static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;

    private final FileChannel channel;
    private final long length;
    private final int elementShift;
    protected final ByteBuffer[] chunks;
    /** The only chunk, once mapped, when the array fits one chunk; null otherwise or while unmapped. */
    protected ByteBuffer single;

    protected MappedArray(TempSpace space, String name, long length, int elementShift) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        this.channel = space.anonymousFile(name);
        this.length = length;
        this.elementShift = elementShift;
        long bytes = length << elementShift;
        this.chunks = new ByteBuffer[(int) ((bytes + CHUNK_BYTES - 1) >>> CHUNK_SHIFT)];
    }

    /** Number of elements. */
    public long length() {
        return length;
    }

    protected final ByteBuffer map(int chunk) {
        ByteBuffer b = chunks[chunk];
        if (b == null) {
            long start = (long) chunk << CHUNK_SHIFT;
            long size = Math.min(CHUNK_BYTES, (length << elementShift) - start);
            try {
                MappedByteBuffer mb = channel.map(FileChannel.MapMode.READ_WRITE, start, size);
                b = mb.order(ByteOrder.nativeOrder());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map index file: " + e.getMessage(), e);
            }
            chunks[chunk] = b;
            if (chunks.length == 1) {
                single = b;
            }
        }
        return b;
    }

    /** Maps every chunk now, so later reads from several threads need no mapping. */
    public void mapAll() {
        for (int i = 0; i < chunks.length; i++) {
            map(i);
        }
    }

    /**
     * Unmaps all chunks: the data stays in the file (and the page cache) but leaves this process's resident
     * set; the next access maps it again. Callers must not hold on to element reads across this call from
     * other threads.
     */
    public void release() {
        single = null;
        for (int i = 0; i < chunks.length; i++) {
            ByteBuffer b = chunks[i];
            chunks[i] = null;
            if (b != null) {
                unmap(b);
            }
        }
    }

    private static void unmap(ByteBuffer b) {
        Unmapper.unmap(b);
    }

    /** Unmaps and drops the file. */
    @Override
    public void close() {
        release();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
