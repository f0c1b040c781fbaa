package io.leakhound.tracker;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The daemon thread of a tracker: takes collected records off the reference queue and reports them, and
 * reports threshold crossings. Resources are never tracked on it, so a listener that logs to a file cannot
 * feed itself. It holds {@link #lock} while it waits on the queue; {@link ResourceTracker#collect} takes the
 * lock from it (waking it with a signal reference) so that exactly one thread drains the queue at a time.
 */
final class Reaper extends Thread {
    /** Fair, so a waiting {@link ResourceTracker#collect} gets it before the reaper's next turn. */
    final ReentrantLock lock = new ReentrantLock(true);
    private final ResourceTracker tracker;
    private volatile long thresholdOpen = -1;

    Reaper(ResourceTracker tracker) {
        super("leakhound-tracker");
        this.tracker = tracker;
        setDaemon(true);
    }

    @Override
    public void run() {
        for (;;) {
            lock.lock();
            try {
                Reference<?> ref = tracker.queue.remove();
                tracker.handleCollected(ref);
                reportThreshold();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // a failed report (out of memory, say) must not end leak finding for good
            } finally {
                lock.unlock();
            }
        }
    }

    /** Reports a threshold crossing signalled since the last call; the caller holds {@link #lock}. */
    void reportThreshold() {
        long open = thresholdOpen;
        if (open >= 0) {
            thresholdOpen = -1;
            tracker.reportThreshold(open);
        }
    }

    void signalThreshold(long open) {
        thresholdOpen = open;
        wake();
    }

    private void wake() {
        new PhantomReference<Object>(null, tracker.queue).enqueue();
    }

    /** A phantom reference to an object dropped at once: seen on the queue after the collection that found it. */
    static final class Sentinel extends PhantomReference<Object> {
        volatile boolean seen;

        private Sentinel(Object o, ReferenceQueue<Object> q) {
            super(o, q);
        }

        static Sentinel make(ReferenceQueue<Object> q) {
            return new Sentinel(new Object(), q);
        }
    }

    /**
     * {@link ResourceTracker#collect}: takes the queue from this thread, forces collections and drains the queue
     * until a sentinel collected after each has come through (three rounds), at most until {@code deadline}.
     */
    int collect(long deadline) {
        int leaks = 0;
        try {
            if (!lockFor(deadline)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        try {
            for (int round = 0; round < 3; round++) {
                Sentinel s = Sentinel.make(tracker.queue);
                System.gc();
                while (!s.seen) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return leaks;
                    }
                    Reference<?> ref = tracker.queue.remove(left);
                    if (ref != null) {
                        leaks += tracker.handleCollected(ref);
                    }
                }
            }
            for (Reference<?> ref; (ref = tracker.queue.poll()) != null;) {
                leaks += tracker.handleCollected(ref);
            }
            reportThreshold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return leaks;
    }

    /** Takes {@link #lock} from this thread, waiting at most until {@code deadline} ({@link System#nanoTime()}). */
    private boolean lockFor(long deadline) throws InterruptedException {
        if (lock.tryLock()) {
            return true;
        }
        // The reaper may take the lock back between a wake-up and our wait for it: wake it until we have it.
        while (System.nanoTime() < deadline) {
            wake();
            if (lock.tryLock(Math.min(20_000_000, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
        return false;
    }
}
