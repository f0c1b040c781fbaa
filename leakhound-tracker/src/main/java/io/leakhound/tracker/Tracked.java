package io.leakhound.tracker;

/**
 * The handle of one tracked resource, returned by {@link ResourceTracker#track}: the resource keeps it (a
 * field) and calls {@link #close()} when it is closed. The handle never references the resource, so the
 * resource can still become unreachable, which is how a leak is found.
 */
public interface Tracked {
    /** The handle of a resource that is not tracked (level off, or not sampled): every method does nothing. */
    Tracked NONE = new Tracked() {
        @Override
        public void touch(String note) {
        }

        @Override
        public boolean close() {
            return false;
        }

        @Override
        public boolean tracked() {
            return false;
        }
    };

    /** Records an access (with its stack) among the last few kept for a leak report. */
    default void touch() {
        touch(null);
    }

    /**
     * Records an access with a note written by the caller (never the resource's own data: the note is printed
     * in reports as it is).
     */
    void touch(String note);

    /** Marks the resource closed; true the first time, false when it was already closed or is not tracked. */
    boolean close();

    /** Whether this handle tracks anything (false for {@link #NONE}). */
    boolean tracked();
}
