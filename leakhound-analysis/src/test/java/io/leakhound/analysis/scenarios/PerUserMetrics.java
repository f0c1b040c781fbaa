package io.leakhound.analysis.scenarios;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * <b>Leak: {@code unbounded-collection}</b> (the per-user metrics variant). A metrics singleton keeps a
 * latency histogram per user ({@code long[]} buckets for every endpoint) in a {@link HashMap} keyed by user
 * id. Users come and go, their histograms stay: per-key metrics with unbounded cardinality.
 *
 * <p>Expected diagnosis: holder the singleton {@code PerUserMetrics$MetricsRegistry.INSTANCE}, field
 * {@code perUser} ({@code java.util.HashMap}), pattern {@code unbounded-collection}, accumulation point the
 * map's {@code java.util.HashMap$Node[]} table, accumulated elements {@code HashMap$Node} → {@code long[]}
 * ({@value #USERS} arrays of {@value #ENDPOINTS}×{@value #BUCKETS} longs, about 25 MB).
 */
public final class PerUserMetrics {
    public static final int USERS = 3_000;
    static final int ENDPOINTS = 64;
    static final int BUCKETS = 16;

    /** The process-wide metrics registry. */
    static final class MetricsRegistry {
        static final MetricsRegistry INSTANCE = new MetricsRegistry();

        /** The leak: one histogram per user, never dropped. */
        final Map<String, long[]> perUser = new HashMap<>();
        long requests;

        synchronized void record(String userId, int endpoint, long nanos) {
            long[] h = perUser.computeIfAbsent(userId, u -> new long[ENDPOINTS * BUCKETS]);
            int bucket = Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(Math.max(1, nanos / 1000)));
            h[endpoint * BUCKETS + bucket]++;
            requests++;
        }
    }

    private PerUserMetrics() {
    }

    public static void main(String[] args) throws Exception {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int r = 0; r < 10 * USERS; r++) {
            String user = "user-" + (r % USERS);
            long t0 = System.nanoTime();
            String body = "GET /api/" + (r % ENDPOINTS) + "?u=" + user;
            MetricsRegistry.INSTANCE.record(user, body.length() % ENDPOINTS, System.nanoTime() - t0 + rnd.nextInt(1 << 20));
        }
        SelfDump.check(MetricsRegistry.INSTANCE.perUser.size() == USERS, "expected " + USERS + " histograms");
        SelfDump.liveHeap(args[0]);
    }
}
