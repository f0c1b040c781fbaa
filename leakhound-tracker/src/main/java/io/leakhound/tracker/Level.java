package io.leakhound.tracker;

import java.util.Locale;

/**
 * How many resources a {@link ResourceTracker} tracks, like Netty's {@code ResourceLeakDetector.Level}: each
 * tracked resource costs a stack capture when it is opened and a phantom reference until it is closed.
 */
public enum Level {
    /** Nothing is tracked: {@link ResourceTracker#track} returns {@link Tracked#NONE} at once. */
    OFF,
    /** One resource in {@link ResourceTracker#samplingInterval()} (chosen at random) is tracked. */
    SAMPLED,
    /** Every resource is tracked: exact counts and listings, for tests and for hunting a known leak. */
    ALL;

    /** The level named {@code off}, {@code sampled} or {@code all} (any case). */
    public static Level parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tracker level '" + name + "' (off, sampled, all)");
        }
    }

    /** The name as {@link #parse} reads it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
