package io.leakhound.heap.graph;

/** Phase timings on stderr when the system property {@code leakhound.trace} is set; for tuning. */
public final class Trace {
    private static final boolean ON = Boolean.getBoolean("leakhound.trace");
    private final String name;
    private long last = System.nanoTime();

    public Trace(String name) {
        this.name = name;
    }

    private static String rss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    return line.replaceAll("\\s+", " ");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
        return "?";
    }

    public void lap(String step) {
        if (ON) {
            long now = System.nanoTime();
            System.err.printf("[trace] %s/%s %.2fs (rss %s)%n", name, step, (now - last) / 1e9, rss());
            last = now;
        }
    }
}
