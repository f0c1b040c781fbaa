package io.leakhound.heap.store;

import java.nio.ByteBuffer;

/**
 * Reads one byte of every page of some arrays on a background thread, front to back, so that the kernel
 * allocates their page-cache pages there and not on the thread that will write them, sequentially, next.
 * Reading is harmless however far the writer got, so the two need no coordination. The arrays must be mapped
 * ({@link MappedArray#mapAll()}) before and stay mapped until {@link #stop()} returned.
 */
public final class PageToucher {
    private static final int PAGE = 4096;
    /** Bytes read from one array before moving to the next, so all stay ahead of a writer filling them in step. */
    private static final int STEP = 1 << 20;
    private final MappedArray[] arrays;
    private final long bytes;
    private final Thread thread;
    private volatile boolean stopped;
    /** Written so the reads are not optimized away. */
    private volatile int sink;

    private PageToucher(long bytes, MappedArray[] arrays) {
        this.arrays = arrays;
        this.bytes = bytes;
        this.thread = new Thread(this::run, "leakhound-touch");
        thread.setDaemon(true);
    }

    /** Starts touching the first {@code bytes} bytes of each array (at most its length). */
    public static PageToucher start(long bytes, MappedArray... arrays) {
        PageToucher t = new PageToucher(bytes, arrays);
        t.thread.start();
        return t;
    }

    private void run() {
        int x = 0;
        for (long from = 0; from < bytes && !stopped; from += STEP) {
            for (MappedArray a : arrays) {
                long end = Math.min(Math.min(bytes, a.byteLength()), from + STEP);
                for (long at = from; at < end && !stopped; at += PAGE) {
                    ByteBuffer b = a.chunks[(int) (at >>> MappedArray.CHUNK_SHIFT)];
                    x += b.get((int) (at & (MappedArray.CHUNK_BYTES - 1)));
                }
            }
        }
        sink = x;
    }

    /** Stops touching and waits for the thread to end. */
    public void stop() {
        stopped = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;  // the arrays must stay mapped until the thread is gone
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
