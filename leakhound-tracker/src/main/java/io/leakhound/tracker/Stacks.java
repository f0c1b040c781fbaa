package io.leakhound.tracker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Stack traces as reports show them: the tracker's own frames cut off, the application frame picked out. */
final class Stacks {
    private static final String[] LIBRARY_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "io.netty."};
    /** The tracker's own classes that capture stacks (exactly these: applications may share the package name). */
    private static final Set<String> TRACKER = Set.of(ResourceTracker.class.getName(),
            RefCountTracker.class.getName(), Record.class.getName(), "io.leakhound.tracker.hooks.JdkHooks");
    private static final String NETTY_ADAPTER = "io.leakhound.tracker.netty.NettyLeakAdapter";

    private Stacks() {
    }

    /** The frames of {@code captured}, without the leading frames of the tracker itself. */
    static List<StackTraceElement> frames(Throwable captured) {
        if (captured == null) {
            return List.of();
        }
        StackTraceElement[] all = captured.getStackTrace();
        int from = 0;
        while (from < all.length && isTracker(all[from].getClassName())) {
            from++;
        }
        return new ArrayList<>(Arrays.asList(all).subList(from, all.length));
    }

    private static boolean isTracker(String className) {
        return TRACKER.contains(className) || className.equals(NETTY_ADAPTER) || className.startsWith(NETTY_ADAPTER + "$");
    }

    /**
     * The first frame outside the JDK, Netty, the tracker and the resource's own class (whose constructor may
     * track itself): the code that opened the resource.
     */
    static String site(List<StackTraceElement> frames, String resourceClass, boolean madeByLibrary) {
        String library = madeByLibrary ? libraryOf(resourceClass) : null;
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (!isLibrary(c) && !isTracker(c) && !c.equals(resourceClass)
                    && (library == null || !c.startsWith(library))) {
                return frame(f);
            }
        }
        return frames.isEmpty() ? "(unknown)" : frame(frames.get(0));
    }

    /** The first two package names of a class ({@code org.h2.}), taken as its library's. */
    static String libraryOf(String className) {
        int first = className.indexOf('.');
        int second = first < 0 ? -1 : className.indexOf('.', first + 1);
        return second < 0 ? className : className.substring(0, second + 1);
    }

    private static boolean isLibrary(String className) {
        for (String p : LIBRARY_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A frame as {@code class.method(File.java:42)}, without the module prefix of {@link StackTraceElement#toString()}. */
    static String frame(StackTraceElement f) {
        String where = f.isNativeMethod() ? "Native Method"
                : f.getFileName() == null ? "Unknown Source"
                : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }

    static String age(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 7_200_000) {
            return (millis / 60_000) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }
}
