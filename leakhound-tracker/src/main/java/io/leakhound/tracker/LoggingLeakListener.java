package io.leakhound.tracker;

import java.lang.System.Logger;
import java.util.function.LongSupplier;

/**
 * The default listener: each leak as a warning on {@link System.Logger} {@code io.leakhound.tracker} (its
 * headline, opening stack and accesses), at most {@value #PER_MINUTE} a minute; what the limit held back is
 * counted in the next line. A threshold crossing logs the listing once.
 */
final class LoggingLeakListener implements LeakListener {
    static final int PER_MINUTE = 10;
    static final String LOGGER = "io.leakhound.tracker";
    private final LongSupplier nanoTime;
    private long windowStart;
    private int inWindow;
    private long heldBack;
    private Logger logger;

    LoggingLeakListener() {
        this(System::nanoTime);
    }

    /** With a clock of its own (tests). */
    LoggingLeakListener(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    @Override
    public synchronized void leaked(LeakReport report) {
        long now = nanoTime.getAsLong();
        if (now - windowStart > 60_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= PER_MINUTE) {
            heldBack++;
            return;
        }
        inWindow++;
        String held = heldBack == 0 ? "" : " (" + heldBack + " more leak" + (heldBack == 1 ? "" : "s")
                + " not logged before this one: at most " + PER_MINUTE + " a minute)";
        heldBack = 0;
        logger().log(Logger.Level.WARNING, report.format().stripTrailing() + held);
    }

    @Override
    public synchronized void thresholdPassed(long open, ResourceListing listing) {
        logger().log(Logger.Level.WARNING, "more than " + listing.openThreshold() + " tracked resources open ("
                + open + "); listed once:\n" + listing.toText(20, 12).stripTrailing());
    }

    private Logger logger() {
        if (logger == null) {
            logger = System.getLogger(LOGGER);
        }
        return logger;
    }
}
