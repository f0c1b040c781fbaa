package io.leakhound.analysis.model;

/**
 * Heap totals. Reachable means strongly reachable from a GC root; unreachable objects (garbage not yet
 * collected, or held only through weak/soft/phantom/final references) are counted apart, the weakly
 * reachable ones also on their own.
 */
public record HeapSummary(long objects, int classes, long gcRoots, long shallowBytes, long reachableObjects,
                          long reachableBytes, long unreachableObjects, long unreachableBytes,
                          long weaklyReachableObjects, long weaklyReachableBytes, long instances,
                          long objectArrays, long primitiveArrays, long classObjects, long references) {
}
