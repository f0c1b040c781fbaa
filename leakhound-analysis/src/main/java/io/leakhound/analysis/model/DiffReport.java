package io.leakhound.analysis.model;

import java.util.List;

/**
 * What grew between two dumps of the same process ({@code leakhound diff OLD NEW}).
 *
 * @param tool name and version of the tool
 * @param oldDump the earlier dump
 * @param newDump the later dump
 * @param oldHeap totals of the earlier dump
 * @param newHeap totals of the later dump
 * @param classes per class, both dumps, by growth of retained (then shallow) size
 * @param holders holders matched across the dumps by their GC-root path, by growth of retained size
 * @param suspects the later dump's leak suspects, ranked by growth rather than size
 */
public record DiffReport(ToolInfo tool, DumpInfo oldDump, DumpInfo newDump, HeapSummary oldHeap, HeapSummary newHeap,
                         List<ClassDelta> classes, List<HolderDelta> holders, List<Suspect> suspects) {

    /** One class in both dumps (zeros where it is absent). */
    public record ClassDelta(String className, long oldInstances, long newInstances, long oldShallowBytes,
                             long newShallowBytes, long oldRetainedBytes, long newRetainedBytes) {
        public long retainedGrowth() {
            return newRetainedBytes - oldRetainedBytes;
        }

        public long shallowGrowth() {
            return newShallowBytes - oldShallowBytes;
        }

        public long instanceGrowth() {
            return newInstances - oldInstances;
        }
    }

    /**
     * A holder (a suspect's or a top dominator's) found in both dumps by the same path from a static field or
     * root; {@code found} is false when the earlier dump has nothing at that path (then the old figures are 0).
     *
     * @param holder the name a developer knows it by, e.g. {@code static Cache.POINTS}
     * @param className class of the holder in the later dump
     * @param pattern the later dump's pattern for it, if it is a suspect
     * @param elements logical size (entries, elements) where the holder is a collection, else -1
     * @param title one line, e.g. "static Cache.POINTS grew from 6,000 to 1,900,000 entries (+340 MB)"
     * @param path the path in the later dump, root first
     */
    public record HolderDelta(String holder, String className, String pattern, boolean found, long oldRetainedBytes,
                              long newRetainedBytes, long oldElements, long newElements, String title,
                              List<PathStep> path) {
        public long retainedGrowth() {
            return newRetainedBytes - oldRetainedBytes;
        }
    }
}
