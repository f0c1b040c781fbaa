package io.leakhound.heap.store;

import io.leakhound.hprof.Unmapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.BitSet;

/**
 * Base of the long-indexed arrays: a temp file mapped in fixed-size chunks, each mapped on first use.
 * Arrays read as zeros, unless made {@code undefined} for callers that write every element before reading it:
 * those may get a closed array's file, with its data (see {@link TempSpace}). Not
 * thread-safe for mapping; element access from several threads is fine once every chunk used is mapped (see
 * {@link #mapAll()}).
 *
 * <p>With the system property {@value #POISON_PROPERTY} set to {@code true} (the tests set it), undefined
 * arrays start filled with a garbage pattern instead, so a read before a write shows up as wrong results.
 */
public abstract class MappedArray implements AutoCloseable {
    /** log2 of the chunk size in bytes (1 GiB); arrays up to this size use one mapping and a faster path. */
    static final int CHUNK_SHIFT = 30;
    static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;

    /** System property: fill undefined arrays with garbage, to catch reads before writes in tests. */
    public static final String POISON_PROPERTY = "leakhound.poisonUndefinedArrays";
    private static final int FILL_BLOCK = 1 << 20;
    /**
     * Reads this far apart map a file's cached pages into an array's mapping: the kernel maps the cached pages
     * of an aligned window this size around a read fault (its default {@code fault_around_bytes}).
     */
    private static final int FAULT_AROUND = 64 << 10;
    private final TempSpace space;
    private final FileChannel channel;
    private final long length;
    private final int elementShift;
    protected final ByteBuffer[] chunks;
    /** The only chunk, once mapped, when the array fits one chunk; null otherwise or while unmapped. */
    protected ByteBuffer single;
    private boolean closed;
    /**
     * {@link TempSpace#BLOCK}-byte blocks of the file whose pages are cached but not yet mapped here; null when
     * none are left.
     */
    private BitSet cachedBlocks;
    /** Sum of the bytes read to map cached pages, kept so the reads are not optimized away. */
    private int faultSum;

    /** How an array's contents start. */
    enum Start {
        /** Zeros; few pages may be used, so a new sparse file (or one prepared for it), never a reused one. */
        ZEROS,
        /** Zeros, and most pages will be written: a reused file is cleared in place, which costs less. */
        DENSE_ZEROS,
        /** Undefined: every element is written before it is read, so a reused file is taken as it is. */
        UNDEFINED
    }

    protected MappedArray(TempSpace space, String name, long length, int elementShift, Start start) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        long bytes = length << elementShift;
        this.space = space;
        this.length = length;
        this.elementShift = elementShift;
        this.chunks = new ByteBuffer[(int) ((bytes + CHUNK_BYTES - 1) >>> CHUNK_SHIFT)];
        TempSpace.Taken taken = space.fileFor(name, bytes, start);
        this.channel = taken.channel();
        this.cachedBlocks = taken.cachedBlocks().isEmpty() ? null : taken.cachedBlocks();  // the array's own set
        if (start == Start.DENSE_ZEROS && taken.reused()) {
            fill(bytes, (byte) 0);
        } else if (start == Start.UNDEFINED && Boolean.getBoolean(POISON_PROPERTY)) {
            fill(bytes, (byte) 0xA5);
        }
    }

    /** Sets the first {@code bytes} bytes to {@code value}. */
    private void fill(long bytes, byte value) {
        ByteBuffer block = ByteBuffer.allocate((int) Math.min(FILL_BLOCK, Math.max(1, bytes)));
        java.util.Arrays.fill(block.array(), value);
        for (long at = 0; at < bytes; ) {
            ByteBuffer b = map((int) (at >>> CHUNK_SHIFT));
            int within = (int) (at & (CHUNK_BYTES - 1));
            int n = (int) Math.min(block.capacity(), Math.min(bytes - at, b.capacity() - within));
            b.put(within, block, 0, n);
            at += n;
        }
    }

    /** Number of elements. */
    public long length() {
        return length;
    }

    /** Size in bytes. */
    long byteLength() {
        return length << elementShift;
    }

    protected final ByteBuffer map(int chunk) {
        ByteBuffer b = chunks[chunk];
        if (b == null) {
            long start = (long) chunk << CHUNK_SHIFT;
            long size = Math.min(CHUNK_BYTES, byteLength() - start);
            try {
                MappedByteBuffer mb = channel.map(FileChannel.MapMode.READ_WRITE, start, size);
                b = mb.order(ByteOrder.nativeOrder());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map index file: " + e.getMessage(), e);
            }
            mapCachedPages(chunk, b);
            chunks[chunk] = b;
            if (chunks.length == 1) {
                single = b;
            }
        }
        return b;
    }

    /**
     * On the first mapping of a chunk, maps the file's pages that are in the page cache already (a prepared or
     * reused file's) with one read per {@link #FAULT_AROUND} bytes. Else the first write to each of those pages
     * would take a page fault of its own: writes do not map the pages around them as reads do (about a
     * microsecond per 4 KB page here, a tenth of a second per 300 MB).
     */
    private void mapCachedPages(int chunk, ByteBuffer b) {
        if (cachedBlocks == null) {
            return;
        }
        long chunkStart = (long) chunk << CHUNK_SHIFT;
        int firstBlock = (int) (chunkStart / TempSpace.BLOCK);
        int endBlock = (int) ((chunkStart + b.capacity() + TempSpace.BLOCK - 1) / TempSpace.BLOCK);
        int sum = 0;
        for (int k = cachedBlocks.nextSetBit(firstBlock); k >= 0 && k < endBlock; k = cachedBlocks.nextSetBit(k + 1)) {
            long from = (long) k * TempSpace.BLOCK - chunkStart;
            long to = Math.min(from + TempSpace.BLOCK, b.capacity());
            for (long at = from; at < to; at += FAULT_AROUND) {
                sum += b.get((int) at);
            }
        }
        faultSum += sum;
        cachedBlocks.clear(firstBlock, endBlock);
        if (cachedBlocks.isEmpty()) {
            cachedBlocks = null;
        }
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

    /**
     * Unmaps the array and hands its file back to the temp space for reuse; later calls do nothing (a file
     * handed back twice would end up under two arrays).
     */
    @Override
    public synchronized void close() {
        release();
        if (!closed) {
            closed = true;
            space.recycle(channel);
        }
    }
}
