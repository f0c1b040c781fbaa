package io.leakhound.heap.graph;

/** Phase timings on stderr when the system property {@code leakhound.trace} is set; for tuning. */
public final class Trace {
    private static final boolean ON = Boolean.getBoolean("leakhound.trace");
    private final String name;
    private long last = System.nanoTime();

    public Trace(String name) {
        this.name = name;
    }

    public void lap(String step) {
        if (ON) {
            long now = System.nanoTime();
            System.err.printf("[trace] %s/%s %.2fs%n", name, step, (now - last) / 1e9);
            last = now;
        }
    }
}
