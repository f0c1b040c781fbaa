package io.leakhound.tracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a piece of work (one test) left behind: resources tracked after the checkpoint was taken that are still
 * open, and those found leaked meanwhile. Resources tracked before it are ignored, so checkpoints of tests that
 * run one after the other do not blame each other; tests running in parallel share one tracker and cannot be
 * told apart. Close it when done (it holds a listener).
 *
 * <pre>{@code
 * tracker.setLevel(Level.ALL);
 * try (Checkpoint cp = tracker.checkpoint()) {
 *     runTheTest();
 *     Checkpoint.Result r = cp.check(Duration.ofSeconds(5));
 *     if (!r.clean()) fail(r.describe());
 * }
 * }</pre>
 */
public final class Checkpoint implements AutoCloseable {
    private final ResourceTracker tracker;
    private final long after;
    private final List<LeakReport> leaked = new ArrayList<>();
    private final AutoCloseable subscription;

    /**
     * The outcome of {@link #check}.
     *
     * @param stillOpen resources opened after the checkpoint and not closed (retained objects with a count above zero)
     * @param leaked resources opened after the checkpoint and collected while open
     */
    public record Result(List<TrackedResource> stillOpen, List<LeakReport> leaked) {
        public Result {
            stillOpen = List.copyOf(stillOpen);
            leaked = List.copyOf(leaked);
        }

        public boolean clean() {
            return stillOpen.isEmpty() && leaked.isEmpty();
        }

        /** What a failed test should say: each resource left open or leaked, where it was opened. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            if (!stillOpen.isEmpty()) {
                b.append(stillOpen.size()).append(" tracked resource").append(stillOpen.size() == 1 ? "" : "s")
                        .append(" left open:\n");
                for (TrackedResource r : stillOpen) {
                    b.append("open: ").append(r.kind()).append(' ').append(r.className());
                    if (r.refCounted()) {
                        b.append(" with reference count ").append(r.refCount());
                    }
                    b.append(", opened at ").append(r.site()).append('\n');
                    r.appendDetails(b, 20);
                }
            }
            for (LeakReport l : leaked) {
                b.append(l.headline()).append('\n');
                l.resource().appendDetails(b, 20);
            }
            return b.toString();
        }
    }

    Checkpoint(ResourceTracker tracker, long after) {
        this.tracker = tracker;
        this.after = after;
        this.subscription = tracker.addListener(report -> {
            if (report.resource().sequence() > after) {
                synchronized (leaked) {
                    leaked.add(report);
                }
            }
        });
    }

    /** Tracked after this checkpoint and open now (no collection forced). */
    public List<TrackedResource> stillOpen() {
        return tracker.openAfter(after);
    }

    /** Tracked after this checkpoint and reported leaked so far. */
    public List<LeakReport> leaked() {
        synchronized (leaked) {
            return List.copyOf(leaked);
        }
    }

    /**
     * Forces the collections of {@link ResourceTracker#collect} (at most {@code timeout}), then returns what
     * is still open and what leaked since the checkpoint.
     */
    public Result check(Duration timeout) {
        tracker.collect(timeout);
        return new Result(stillOpen(), leaked());
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
