package io.leakhound.heap.index;

import io.leakhound.hprof.HprofFile;
import java.nio.ByteBuffer;

/**
 * {@link DumpBytes} for dumps that cannot be mapped by path (gzip dumps, whose inflated copy the
 * {@link HprofFile} keeps private): 64 KiB pages read with {@link HprofFile#readBytes} into a small
 * direct-mapped cache of 256 pages. Slower than mapping, but each page is read once while a walk stays near it.
 */
final class PagedDumpBytes implements DumpBytes {
    private static final int PAGE_SHIFT = 16;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final int SLOTS = 256;

    private final HprofFile file;
    private final long[] pageOf = new long[SLOTS];
    private final ByteBuffer[] pages = new ByteBuffer[SLOTS];

    PagedDumpBytes(HprofFile file) {
        this.file = file;
        java.util.Arrays.fill(pageOf, -1);
    }

    @Override
    public synchronized byte getByte(long offset) {
        return page(offset).get((int) (offset & (PAGE - 1)));
    }

    @Override
    public short getShort(long offset) {
        return (short) read(offset, 2);
    }

    @Override
    public int getInt(long offset) {
        return (int) read(offset, 4);
    }

    @Override
    public long getLong(long offset) {
        return read(offset, 8);
    }

    private synchronized long read(long offset, int n) {
        int within = (int) (offset & (PAGE - 1));
        if (within + n <= PAGE) {
            ByteBuffer p = page(offset);
            return switch (n) {
                case 2 -> p.getShort(within);
                case 4 -> p.getInt(within);
                default -> p.getLong(within);
            };
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (getByte(offset + i) & 0xFF);
        }
        return v;
    }

    private ByteBuffer page(long offset) {
        long page = offset >>> PAGE_SHIFT;
        int slot = (int) (page % SLOTS);
        if (pageOf[slot] != page) {
            pages[slot] = ByteBuffer.wrap(file.readBytes(page << PAGE_SHIFT, PAGE));
            pageOf[slot] = page;
        }
        return pages[slot];
    }

    @Override
    public void close() {
        // pages are heap buffers; nothing to release
    }
}
