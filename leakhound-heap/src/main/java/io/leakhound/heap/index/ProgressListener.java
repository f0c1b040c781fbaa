package io.leakhound.heap.index;

/** Receives progress of long phases; {@code done} and {@code total} are in phase-specific units. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, done, total) -> { };

    void progress(String phase, long done, long total);
}
