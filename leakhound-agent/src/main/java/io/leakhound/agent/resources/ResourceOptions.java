package io.leakhound.agent.resources;

import java.util.Locale;

/**
 * The agent's resource-tracking options, read from the same argument as the others
 * ({@code resources=all,resources.sampling=64,resources.records=4,resources.threshold=1000}). Off unless
 * {@code resources} is given: instrumenting JDK classes is opt-in.
 *
 * @param level {@code off}, {@code sampled} or {@code all} (kept as text: the tracker's classes must not be
 *     loaded before its jar is on the bootstrap class path)
 * @param sampling one resource in this many is tracked at level sampled (default 128)
 * @param records accesses kept per resource (default 4; JDK resources record none, Netty's may)
 * @param threshold log the open resources once when more than this many are open (0, the default: never)
 */
public record ResourceOptions(String level, int sampling, int records, long threshold) {
    public static final ResourceOptions OFF = new ResourceOptions("off", 128, 4, 0);

    /** Whether an option key is one of these (the agent's parser accepts them and leaves them to this class). */
    public static boolean isKey(String key) {
        return key.equals("resources") || key.startsWith("resources.");
    }

    /** Whether tracking is on. */
    public boolean enabled() {
        return !level.equals("off");
    }

    /** Reads these options from the agent argument, ignoring the other keys; a bad value throws with one line. */
    public static ResourceOptions parse(String args) {
        String level = OFF.level;
        int sampling = OFF.sampling;
        int records = OFF.records;
        long threshold = OFF.threshold;
        if (args != null && !args.isBlank()) {
            for (String part : args.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).strip();
                switch (key) {
                    case "resources" -> {
                        level = value.toLowerCase(Locale.ROOT);
                        if (!level.equals("off") && !level.equals("sampled") && !level.equals("all")) {
                            throw new IllegalArgumentException("resources must be off, sampled or all: '" + value + "'");
                        }
                    }
                    case "resources.sampling" -> sampling = (int) number(key, value, 1, 1 << 30);
                    case "resources.records" -> records = (int) number(key, value, 0, 1000);
                    case "resources.threshold" -> threshold = number(key, value, 0, Long.MAX_VALUE);
                    default -> {
                        if (isKey(key)) {
                            throw new IllegalArgumentException("unknown option '" + key
                                    + "' (resources, resources.sampling, resources.records, resources.threshold)");
                        }
                    }
                }
            }
        }
        return new ResourceOptions(level, sampling, records, threshold);
    }

    private static long number(String key, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + value + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ": " + value);
        }
        return v;
    }
}
