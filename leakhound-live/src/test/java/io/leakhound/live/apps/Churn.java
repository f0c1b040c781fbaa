package io.leakhound.live.apps;

/**
 * Garbage as a service makes it: short-lived request buffers (die young) and a ring of recent responses that
 * live for about a second, long enough to be promoted and to die in the old generation, where only a full
 * or mixed collection reclaims them. Rates are per wall-clock second, so a slow machine changes the number
 * of collections, not what the heap holds.
 */
final class Churn {
    /** Short-lived garbage, bytes per second. */
    static final long GARBAGE_PER_SECOND = 40L << 20;
    private static final int RING_SLOTS = 128;
    private static final int RING_OBJECT = 32 * 1024;

    private final Object[] ring = new Object[RING_SLOTS];
    private int next;
    private long garbageDone;
    private long ringDone;
    /** Keeps the JIT from removing allocations. */
    long sink;

    /** Allocates what {@code elapsedMillis} since start calls for. */
    void catchUp(long elapsedMillis) {
        long garbageDue = GARBAGE_PER_SECOND * elapsedMillis / 1000;
        while (garbageDone < garbageDue) {
            byte[] buffer = new byte[8 * 1024 + (int) (garbageDone % 4096)];
            buffer[buffer.length - 1] = 1;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                sb.append(i).append(':').append(garbageDone);
            }
            sink += buffer.length + sb.length();
            garbageDone += buffer.length + 300;
        }
        long ringDue = elapsedMillis / 8; // one response every 8 ms: each lives about a second
        while (ringDone < ringDue) {
            ring[next] = new byte[RING_OBJECT];
            next = (next + 1) % RING_SLOTS;
            ringDone++;
        }
    }
}
