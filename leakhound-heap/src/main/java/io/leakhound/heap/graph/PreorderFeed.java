package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigIntArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds a {@link PreorderSink} from a helper thread that trails the depth-first search: the search publishes
 * how many nodes it has numbered (a volatile write after the plain writes to {@code vertex}), the helper
 * delivers everything up to that count.
 */
final class PreorderFeed {
    private final BigIntArray vertex;
    private final PreorderSink sink;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean done;
    private volatile Throwable failure;
    private final Thread thread;

    private PreorderFeed(BigIntArray vertex, PreorderSink sink) {
        this.vertex = vertex;
        this.sink = sink;
        this.thread = new Thread(this::run, "leakhound-preorder");
        thread.setDaemon(true);
    }

    static PreorderFeed start(BigIntArray vertex, PreorderSink sink) {
        PreorderFeed f = new PreorderFeed(vertex, sink);
        f.thread.start();
        return f;
    }

    void publish(long count) {
        published.set(count);
    }

    /** Publishes the final count and waits until the sink has seen every node. */
    void finish(long count) {
        published.set(count);
        done = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure != null) {
            throw new IllegalStateException("gathering per-node data failed: " + failure, failure);
        }
    }

    private void run() {
        try {
            long next = 1;
            while (true) {
                boolean last = done;
                long upTo = published.get();
                for (; next <= upTo; next++) {
                    sink.accept(next, Integer.toUnsignedLong(vertex.get(next)));
                }
                if (last && next > published.get()) {
                    return;
                }
                if (next > upTo) {
                    LockSupport.parkNanos(200_000);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }
}
