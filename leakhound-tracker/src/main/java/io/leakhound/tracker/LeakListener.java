package io.leakhound.tracker;

/**
 * Receives a tracker's reports, on the tracker's own thread (or the thread calling
 * {@link ResourceTracker#collect}). A listener must return quickly and must not throw; an exception is
 * ignored. Add one with {@link ResourceTracker#addListener}.
 */
@FunctionalInterface
public interface LeakListener {
    /** A tracked resource became unreachable while still open (or still retained). */
    void leaked(LeakReport report);

    /**
     * The number of open tracked resources passed the tracker's threshold ({@link ResourceTracker#setOpenThreshold}).
     * Called once per crossing; the default does nothing.
     */
    default void thresholdPassed(long open, ResourceListing listing) {
    }
}
