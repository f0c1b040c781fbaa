package io.leakhound.agent.resources;

import io.leakhound.tracker.KindCounts;
import io.leakhound.tracker.Level;
import io.leakhound.tracker.ResourceTracker;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;

/**
 * The resource tracker's metrics, read from its counters at each scrape: one series per kind (at most
 * {@link ResourceTracker#MAX_KINDS}). They count tracked resources: at level sampled about one in
 * {@code leakhound_resources_sampling_interval}.
 */
public final class ResourceMetrics {
    static final String OPEN = "leakhound_resources_open";
    static final String OPENED = "leakhound_resources_opened";
    static final String LEAKED = "leakhound_resources_leaked";
    static final String SAMPLING = "leakhound_resources_sampling_interval";

    /** The sample names these add to the endpoint (counters with their {@code _total}). */
    public static final Set<String> NAMES = Set.of(OPEN, OPENED + "_total", LEAKED + "_total", SAMPLING);

    private ResourceMetrics() {
    }

    public static void register(PrometheusRegistry registry) {
        ResourceTracker t = ResourceTracker.global();
        GaugeWithCallback.builder().name(OPEN).labelNames("kind")
                .help("Tracked resources open now (file, socket, jdbc-connection, ...)")
                .callback(cb -> {
                    for (KindCounts c : t.counts()) {
                        cb.call(c.open(), c.kind());
                    }
                }).register(registry);
        CounterWithCallback.builder().name(OPENED).labelNames("kind").help("Tracked resources opened")
                .callback(cb -> {
                    for (KindCounts c : t.counts()) {
                        cb.call(c.opened(), c.kind());
                    }
                }).register(registry);
        CounterWithCallback.builder().name(LEAKED).labelNames("kind")
                .help("Tracked resources collected while still open (never closed)")
                .callback(cb -> {
                    for (KindCounts c : t.counts()) {
                        cb.call(c.leaked(), c.kind());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name(SAMPLING)
                .help("One resource in this many is tracked (1 at level all, 0 when tracking is off)")
                .callback(cb -> cb.call(t.level() == Level.ALL ? 1 : t.level() == Level.OFF ? 0
                        : t.samplingInterval())).register(registry);
    }
}
