package io.leakhound.live.verdict;

import java.util.Locale;

/** Short human durations: {@code 45 s}, {@code 12 min}, {@code 3.2 h}, {@code 5.1 d}. */
public final class Durations {
    private Durations() {
    }

    /** Seconds in the largest unit that keeps the number at least 1. */
    public static String format(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 86400 * 2) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f d", seconds / 86400);
    }
}
