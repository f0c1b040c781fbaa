package io.leakhound.live.series;

/** One measurement: bytes of memory at a time in milliseconds (epoch or since process start; only differences matter). */
public record Sample(long timeMillis, long bytes) {
}
