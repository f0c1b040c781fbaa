package io.leakhound.analysis.scenarios;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Leak: {@code thread-local-leak}.</b> A fixed pool of {@value #WORKERS} worker threads
 * ({@code worker-1}..{@code worker-4}) serves tasks. The response encoder keeps a {@value #SCRATCH_BYTES}-byte
 * scratch buffer per thread in a static {@link ThreadLocal} and never calls {@code remove()}, so each pooled
 * thread holds its buffer forever. In addition, each task opens a {@code RequestScope} that creates its own
 * {@code ThreadLocal} (a new key per task) and sets a 64 KB value without removing it: when the scope is
 * dropped its key is collected, leaving stale entries (null key, live value) in the workers' maps.
 * The threads are alive (idle in the pool) when the heap is dumped.
 *
 * <p>Expected diagnosis: holders the threads {@code worker-1}..{@code worker-4} (their
 * {@code threadLocals}), ThreadLocal holder static field {@code ThreadLocalLeak$ResponseEncoder.SCRATCH},
 * pattern {@code thread-local-leak}, accumulated elements {@code byte[]} values of
 * {@code java.lang.ThreadLocal$ThreadLocalMap$Entry} (one 6 MB buffer per worker, plus stale entries with
 * {@code HashMap} values of {@code RequestScope}).
 */
public final class ThreadLocalLeak {
    public static final int WORKERS = 4;
    public static final int SCRATCH_BYTES = 6 * 1024 * 1024;
    static final int TASKS = 400;

    /** Encodes responses with a per-thread scratch buffer. */
    static final class ResponseEncoder {
        /** The leak: a big per-thread buffer, set once per thread, never removed. */
        static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

        static int encode(int task) {
            byte[] buf = SCRATCH.get();
            if (buf == null) {
                buf = new byte[SCRATCH_BYTES];
                SCRATCH.set(buf);
            }
            buf[task % buf.length] = (byte) task;
            return buf.length;
        }
    }

    /** Per-task attributes kept in a ThreadLocal that belongs to the scope object. */
    static final class RequestScope {
        private final ThreadLocal<Map<String, Object>> attributes = new ThreadLocal<>();

        void put(String key, Object value) {
            Map<String, Object> m = attributes.get();
            if (m == null) {
                m = new HashMap<>();
                attributes.set(m);
            }
            m.put(key, value);
        }
        // no close(): attributes.remove() is never called
    }

    private ThreadLocalLeak() {
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
                    RequestScope scope = new RequestScope();
                    scope.put("payload", new byte[64 * 1024]);
                    scope.put("task", task);
                    ResponseEncoder.encode(task);
                } finally {
                    done.countDown();
                }
            });
        }
        SelfDump.check(done.await(30, TimeUnit.SECONDS), "tasks did not finish");
        SelfDump.check(n.get() == WORKERS, "expected " + WORKERS + " workers, got " + n.get());
        // the workers are idle in the pool, alive, when the heap is dumped
        SelfDump.liveHeap(args[0]);
        pool.shutdownNow();
    }
}
