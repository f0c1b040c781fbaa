package io.leakhound.heap.index;

import java.util.concurrent.atomic.AtomicLongArray;

/** Sums the progress of scans over several file ranges into one report of the whole file. */
final class RangeProgress {
    private final ProgressListener target;
    private final String phase;
    private final long[] starts;
    private final AtomicLongArray done;
    private final long total;

    RangeProgress(ProgressListener target, String phase, long[] points, long total) {
        this.target = target;
        this.phase = phase;
        this.starts = points.clone();
        this.done = new AtomicLongArray(points.length);
        this.total = total;
    }

    /** A listener for range {@code i}; it receives absolute file positions. */
    ProgressListener forRange(int i) {
        return (ignoredPhase, position, ignoredTotal) -> {
            done.set(i, Math.max(0, position - starts[i]));
            long sum = 0;
            for (int k = 0; k < done.length(); k++) {
                sum += done.get(k);
            }
            synchronized (this) {
                target.progress(phase, Math.min(sum, total), total);
            }
        };
    }
}
