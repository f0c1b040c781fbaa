package io.leakhound.analysis.model;

/**
 * One class in the histogram. {@code retainedBytes} is what the set of all its instances retains,
 * dominator-based: instances dominated by another instance of the class are not counted twice.
 */
public record ClassRow(String className, long instances, long shallowBytes, long retainedBytes) {
}
