package io.leakhound.analysis.model;

import java.util.List;

/** A top object of the dominator tree with its shortest strong path from a GC root (root first). */
public record DominatorRow(String id, String className, long shallowBytes, long retainedBytes, List<PathStep> path) {
}
