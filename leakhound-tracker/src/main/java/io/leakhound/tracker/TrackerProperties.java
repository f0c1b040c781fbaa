package io.leakhound.tracker;

/**
 * The system properties of the {@linkplain ResourceTracker#global() global tracker}: a bad value costs one line on
 * stderr and the defaults, never a failure (the tracker may be initialized inside a JDK class's constructor).
 */
final class TrackerProperties {
    private TrackerProperties() {
    }

    static ResourceTracker apply(ResourceTracker t) {
        try {
            String level = System.getProperty(ResourceTracker.LEVEL_PROPERTY);
            if (level != null) {
                t.setLevel(Level.parse(level));
            }
            t.setSamplingInterval(intProperty(ResourceTracker.SAMPLING_PROPERTY,
                    ResourceTracker.DEFAULT_SAMPLING_INTERVAL));
            t.setAccessRecords(intProperty(ResourceTracker.RECORDS_PROPERTY, ResourceTracker.DEFAULT_ACCESS_RECORDS));
            t.setOpenThreshold(intProperty(ResourceTracker.THRESHOLD_PROPERTY, 0));
        } catch (IllegalArgumentException | SecurityException e) {
            System.err.println("leakhound-tracker: " + e.getMessage() + "; using the defaults");
        }
        return t;
    }

    private static int intProperty(String name, int otherwise) {
        String v = System.getProperty(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: '" + v + "'");
        }
    }
}
