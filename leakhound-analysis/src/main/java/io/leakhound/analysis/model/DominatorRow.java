package io.leakhound.analysis.model;

import java.util.List;

/**
 * A top object of the dominator tree with its shortest strong path from a GC root (root first) and its
 * largest children in the dominator tree, i.e. where its retained memory goes.
 */
public record DominatorRow(String id, String className, long shallowBytes, long retainedBytes, List<PathStep> path,
                           List<DominatedChild> children) {

    /**
     * A child in the dominator tree. {@code via} is the direct reference from the parent when there is one
     * (a field, static field or array slot), else null: the parent keeps it alive through other objects.
     */
    public record DominatedChild(String id, String className, long retainedBytes, PathStep via) {
    }
}
