package io.leakhound.agent;

import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesKind;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.watch.ClassGrowth;
import io.leakhound.live.watch.Watcher;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agent's metrics, read from the watcher's status at each scrape (nothing is computed for a scrape). Names
 * and meanings are documented in {@code docs/agent.md}; {@code leakhound rules} builds on them.
 */
public final class AgentMetrics {
    static final String LIVE_SET = "leakhound_live_set_bytes";
    static final String HEAP_AFTER_GC = "leakhound_heap_after_gc_bytes";
    static final String GROWTH = "leakhound_growth_bytes_per_second";
    static final String VERDICT = "leakhound_verdict";
    static final String CONFIDENCE = "leakhound_verdict_confidence";
    static final String TO_LIMIT = "leakhound_seconds_to_limit";
    static final String LIMIT = "leakhound_limit_bytes";
    static final String SAMPLES = "leakhound_samples";
    static final String COLLECTIONS = "leakhound_collections";
    static final String HISTOGRAMS = "leakhound_class_histograms";
    static final String CLASS_BYTES = "leakhound_class_growth_bytes_per_second";
    static final String CLASS_INSTANCES = "leakhound_class_growth_instances_per_second";
    static final String CPU = "leakhound_agent_cpu_seconds";

    /**
     * Every sample name the endpoint can show (counters with their {@code _total}); the agent test checks that a
     * leaking service's endpoint shows exactly these, and the rules test that the rules use no other.
     */
    public static final java.util.Set<String> NAMES = java.util.Set.of(LIVE_SET, HEAP_AFTER_GC, GROWTH, VERDICT,
            CONFIDENCE, TO_LIMIT, LIMIT, SAMPLES, COLLECTIONS + "_total", HISTOGRAMS + "_total", CLASS_BYTES,
            CLASS_INSTANCES, CPU + "_total");

    private AgentMetrics() {
    }

    static PrometheusRegistry register(Supplier<Watcher.Status> status, Watcher watcher, boolean histograms) {
        PrometheusRegistry registry = new PrometheusRegistry();
        GaugeWithCallback.builder().name(LIVE_SET).unit(Unit.BYTES)
                .help("Heap after the latest full/mixed collection or G1 marking cycle (the live set)")
                .callback(cb -> {
                    Watcher.Status s = status.get();
                    if (s.series().kind() == SeriesKind.LIVE_SET && !s.series().samples().isEmpty()) {
                        cb.call(last(s.series().samples()).bytes());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name(HEAP_AFTER_GC).unit(Unit.BYTES)
                .help("Heap after the latest collection of any kind (still holds old-generation garbage)")
                .callback(cb -> {
                    Watcher.Status s = status.get();
                    if (s.latestAfterGcBytes() >= 0) {
                        cb.call(s.latestAfterGcBytes());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name(GROWTH)
                .help("Growth of the live set (Theil-Sen slope the verdict rests on), bytes per second")
                .callback(cb -> cb.call(status.get().result().growthBytesPerHour() / 3600)).register(registry);
        GaugeWithCallback.builder().name(VERDICT).labelNames("state")
                .help("The leak verdict: 1 for the current state (leak, no-leak, not-enough-data), 0 for the others")
                .callback(cb -> {
                    Verdict v = status.get().result().verdict();
                    for (Verdict each : Verdict.values()) {
                        cb.call(each == v ? 1 : 0, each.id());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name(CONFIDENCE).help("Confidence in the verdict, 0..1")
                .callback(cb -> cb.call(status.get().result().confidence())).register(registry);
        GaugeWithCallback.builder().name(TO_LIMIT)
                .help("Seconds until the fitted trend reaches the limit; absent unless the verdict is leak")
                .callback(cb -> {
                    Long s = status.get().result().secondsToLimit();
                    if (s != null) {
                        cb.call(s);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name(LIMIT).unit(Unit.BYTES)
                .help("The limit of the forecast: limit= option, else the max heap")
                .callback(cb -> {
                    Long l = status.get().limitBytes();
                    if (l != null) {
                        cb.call(l);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name(SAMPLES).help("Samples the verdict's fit used")
                .callback(cb -> cb.call(status.get().result().samples())).register(registry);
        CounterWithCallback.builder().name(COLLECTIONS).help("Garbage collections seen")
                .callback(cb -> cb.call(status.get().collections())).register(registry);
        CounterWithCallback.builder().name(CPU)
                .help("CPU time the agent spent on its own work (GC notifications, verdicts, histograms)")
                .callback(cb -> cb.call(watcher.cpuNanos() / 1e9)).register(registry);
        if (histograms) {
            CounterWithCallback.builder().name(HISTOGRAMS).help("Class histograms taken (each forces a full GC)")
                    .callback(cb -> cb.call(status.get().histograms())).register(registry);
            GaugeWithCallback.builder().name(CLASS_BYTES).labelNames("class")
                    .help("Growth of the classes that grow steadily (top N), shallow bytes per second")
                    .callback(cb -> {
                        for (ClassGrowth c : status.get().growing()) {
                            cb.call(c.bytesPerHour() / 3600, c.className());
                        }
                    }).register(registry);
            GaugeWithCallback.builder().name(CLASS_INSTANCES).labelNames("class")
                    .help("Growth of the classes that grow steadily (top N), instances per second")
                    .callback(cb -> {
                        for (ClassGrowth c : status.get().growing()) {
                            cb.call(c.instancesPerHour() / 3600, c.className());
                        }
                    }).register(registry);
        }
        return registry;
    }

    private static Sample last(List<Sample> samples) {
        return samples.get(samples.size() - 1);
    }

    static boolean isLeak(TrendResult r) {
        return r.verdict() == Verdict.LEAK;
    }
}
