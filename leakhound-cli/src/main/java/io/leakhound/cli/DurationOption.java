package io.leakhound.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the command line: {@code 500ms}, {@code 10s}, {@code 5m}/{@code 5min}, {@code 2h}; a bare number is seconds. */
final class DurationOption {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    private DurationOption() {
    }

    /** The duration, or a usage error naming the option; null stays null. */
    static Duration parse(String option, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadUsageException(option + ": not a duration: '" + text + "' (try 10s, 500ms, 5m, 2h)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = v * switch (unit) {
            case "ms" -> 1;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        };
        if (millis < 1) {
            throw new BadUsageException(option + " must be at least 1ms");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
