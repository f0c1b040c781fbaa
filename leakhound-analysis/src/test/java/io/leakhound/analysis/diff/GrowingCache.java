package io.leakhound.analysis.diff;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * A process whose static cache grows between two heap dumps: {@value #BEFORE} points, dump to the first
 * argument, then {@value #AFTER} points, dump to the second. The expected diff: {@code static
 * GrowingCache.POINTS} grew from {@value #BEFORE} to {@value #AFTER} entries, {@code Point} instances by
 * exactly {@code AFTER - BEFORE}.
 */
public final class GrowingCache {
    public static final int BEFORE = 5_000;
    public static final int AFTER = 50_000;
    static final Map<String, Point> POINTS = new HashMap<>();

    /** A cached value with a payload, so the cache dominates the heap. */
    public static final class Point {
        final long[] samples = new long[32];
    }

    public static void main(String[] args) throws Exception {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        fill(BEFORE);
        bean.dumpHeap(args[0], true);
        fill(AFTER);
        bean.dumpHeap(args[1], true);
    }

    private static void fill(int size) {
        for (int i = POINTS.size(); i < size; i++) {
            POINTS.put("user-" + i, new Point());
        }
    }
}
