package io.leakhound.analysis.scenarios;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Healthy.</b> A fixed pool of 4 worker threads ({@code worker-1}..{@code worker-4}) whose tasks use small
 * per-thread helpers the usual way: a static {@code ThreadLocal<SimpleDateFormat>} and a
 * {@code ThreadLocal<StringBuilder>} of 256 chars kept for reuse, and a request-scoped ThreadLocal that is
 * {@code remove()}d in {@code finally}. The threads are alive (idle in the pool) when the heap is dumped.
 *
 * <p>Expected diagnosis: no pattern (a few KB per thread is what ThreadLocals are for).
 */
public final class PooledSmallThreadLocals {
    public static final int WORKERS = 4;
    static final int TASKS = 2_000;

    static final ThreadLocal<SimpleDateFormat> DATE_FORMAT =
            ThreadLocal.withInitial(() -> new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss"));
    static final ThreadLocal<StringBuilder> LINE = ThreadLocal.withInitial(() -> new StringBuilder(256));
    static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private PooledSmallThreadLocals() {
    }

    static int handle(int task) {
        REQUEST_ID.set("req-" + task);
        try {
            StringBuilder line = LINE.get();
            line.setLength(0);
            line.append(DATE_FORMAT.get().format(new Date(1_700_000_000_000L + task))).append(' ')
                    .append(REQUEST_ID.get());
            return line.length();
        } finally {
            REQUEST_ID.remove();
        }
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int task = i;
            pool.execute(() -> {
                try {
                    handle(task);
                } finally {
                    done.countDown();
                }
            });
        }
        SelfDump.check(done.await(30, TimeUnit.SECONDS), "tasks did not finish");
        SelfDump.check(n.get() == WORKERS, "expected " + WORKERS + " workers");
        SelfDump.liveHeap(args[0]);
        pool.shutdownNow();
    }
}
