package io.leakhound.analysis.scenarios;

import java.util.concurrent.CountDownLatch;

/**
 * A leak spread thin: {@value #THREADS} long-lived connection threads each keep a 320 KB read buffer in a
 * {@code ThreadLocal} ({@code ManyThreadBuffers.READ_BUFFER}) and never remove it. No single thread retains
 * 10% of the heap; together they hold most of it. Expected diagnosis: a group suspect "40 × java.lang.Thread
 * together retain …", pattern {@code thread-local-leak}, set through {@code static ManyThreadBuffers.READ_BUFFER}.
 */
public final class ManyThreadBuffers {
    static final int THREADS = 40;
    static final int BUFFER = 320 * 1024;
    static final ThreadLocal<byte[]> READ_BUFFER = new ThreadLocal<>();

    public static void main(String[] args) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch stop = new CountDownLatch(1);
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                READ_BUFFER.set(new byte[BUFFER]);
                ready.countDown();
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "connection-" + i);
            t.setDaemon(true);
            t.start();
        }
        SelfDump.check(ready.await(30, java.util.concurrent.TimeUnit.SECONDS), "threads did not start");
        SelfDump.liveHeap(args[0]);
        stop.countDown();
    }
}
