package io.leakhound.live.series;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written with units, as the JVM and users write them: {@code 120M}, {@code 2g}, {@code 512m},
 * {@code 1.5GB}, {@code 64KiB}, {@code 4096}. Units are powers of 1024, as in {@code -Xmx} and GC logs.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?",
            Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    /** Parses a size; throws {@link IllegalArgumentException} with a one-line message when it is not one. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try 2g, 512m, 1048576)");
        }
        return toBytes(m.group(1), m.group(2));
    }

    /** A number with a unit letter (B/empty, K, M, G, T, P) in bytes. */
    static long toBytes(String number, String unit) {
        double v = Double.parseDouble(number);
        return Math.round(v * multiplier(unit));
    }

    static long multiplier(String unit) {
        switch (unit.isEmpty() ? 'B' : Character.toUpperCase(unit.charAt(0))) {
            case 'B': return 1L;
            case 'K': return 1L << 10;
            case 'M': return 1L << 20;
            case 'G': return 1L << 30;
            case 'T': return 1L << 40;
            case 'P': return 1L << 50;
            default: throw new IllegalArgumentException("unknown size unit '" + unit + "'");
        }
    }

    /** Bytes in the largest unit that keeps a number of at least 1, e.g. {@code 1.5 GB}, {@code 812 MB}. */
    public static String format(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double v = Math.abs(bytes);
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String sign = bytes < 0 ? "-" : "";
        return sign + String.format(Locale.ROOT, u == 0 || v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
