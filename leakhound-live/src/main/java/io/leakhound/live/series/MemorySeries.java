package io.leakhound.live.series;

import java.util.List;

/**
 * A memory time series read from one source.
 *
 * @param samples the samples in file order (the engine sorts them)
 * @param kind what the bytes measure
 * @param limitBytes the memory limit the source tells (e.g. the max heap from a GC log), or null
 * @param format the format it was read from
 * @param description a few words on what the samples are, e.g. "heap after full GCs"
 */
public record MemorySeries(List<Sample> samples, SeriesKind kind, Long limitBytes, SeriesFormat format,
        String description) {
    public MemorySeries {
        samples = List.copyOf(samples);
    }
}
