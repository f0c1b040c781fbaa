package io.leakhound.analysis.model;

import java.util.List;

/** A leak suspect (filled in by the diagnosis; see the report contract). */
public record Suspect(int rank, String title, String pattern, long retainedBytes, double heapShare,
                      List<PathStep> path, Accumulation accumulation, String advice) {

    /** Where things pile up under a suspect, and what piles up. */
    public record Accumulation(String id, String className, long elements, List<ElementClass> elementClasses) {
    }

    /** One class of accumulated elements. */
    public record ElementClass(String className, long instances, long retainedBytes) {
    }
}
