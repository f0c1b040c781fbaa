package io.leakhound.tracker.hooks;

import io.leakhound.tracker.ResourceTracker;

/**
 * What the agent's instrumentation calls from inside JDK and JDBC classes, on the {@linkplain
 * ResourceTracker#global() global tracker}. Loaded by the bootstrap class loader there (the agent appends this
 * module's jar to the bootstrap search), so {@code java.base} can see it. Never throws: a failure to track must
 * not fail the host's own open or close.
 */
public final class JdkHooks {
    private static final ResourceTracker TRACKER = ResourceTracker.global();

    private JdkHooks() {
    }

    /** {@code resource} was opened. */
    public static void opened(Object resource, String kind) {
        try {
            if (resource != null) {
                TRACKER.track(resource, kind);
            }
        } catch (Throwable ignored) {
            // never fail the host's open
        }
    }

    /** {@code resource} was made and returned by a library (a JDBC driver or pool): see {@link ResourceTracker#trackMadeByLibrary}. */
    public static void openedByLibrary(Object resource, String kind) {
        try {
            if (resource != null) {
                TRACKER.trackMadeByLibrary(resource, kind);
            }
        } catch (Throwable ignored) {
            // never fail the host's open
        }
    }

    /**
     * {@code resource} was opened, unless the last constructor argument (a file channel's parent stream) is
     * set: then it shares its parent's file descriptor, which is tracked already.
     */
    public static void openedUnlessShared(Object resource, String kind, Object[] arguments) {
        if (arguments.length == 0 || arguments[arguments.length - 1] == null) {
            opened(resource, kind);
        }
    }

    /** {@code resource} was closed (or a close was attempted: a failed close still releases the handle). */
    public static void closed(Object resource) {
        try {
            TRACKER.close(resource);
        } catch (Throwable ignored) {
            // never fail the host's close
        }
    }
}
