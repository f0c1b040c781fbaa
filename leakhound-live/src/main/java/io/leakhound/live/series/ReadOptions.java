package io.leakhound.live.series;

import java.time.Duration;

/**
 * Options for readers.
 *
 * @param interval time between samples, for sources that carry no time (Go MemStats without a time field);
 *                 null when not given
 */
public record ReadOptions(Duration interval) {
    /** No options. */
    public static final ReadOptions NONE = new ReadOptions(null);
}
