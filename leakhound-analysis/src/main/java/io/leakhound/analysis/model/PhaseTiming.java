package io.leakhound.analysis.model;

/** Wall time of one analysis phase. */
public record PhaseTiming(String phase, double seconds) {
}
