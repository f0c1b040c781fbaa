package io.leakhound.analysis;

import io.leakhound.heap.index.ProgressListener;
import java.nio.file.Path;

/**
 * Options of one analysis.
 *
 * @param top how many dominators (and other top lists) to report
 * @param showValues whether heap values (strings, thread names, primitives) may appear in the report
 * @param tempParent where the private temp directory goes; null for the system default
 * @param progress receives phase progress
 * @param suspectThreshold share of the reachable heap (0..1) an object or region must retain to be a suspect
 */
public record AnalyzeOptions(int top, boolean showValues, Path tempParent, ProgressListener progress,
                             double suspectThreshold) {
    /** Default share of the reachable heap that makes a leak suspect. */
    public static final double DEFAULT_SUSPECT_THRESHOLD = 0.10;

    public AnalyzeOptions {
        if (!(suspectThreshold > 0 && suspectThreshold <= 1)) {
            throw new IllegalArgumentException("suspect threshold must be in (0, 1]: " + suspectThreshold);
        }
    }

    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(20, false, null, ProgressListener.NONE, DEFAULT_SUSPECT_THRESHOLD);
    }
}
