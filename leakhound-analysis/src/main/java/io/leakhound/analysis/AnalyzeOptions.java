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
 */
public record AnalyzeOptions(int top, boolean showValues, Path tempParent, ProgressListener progress) {
    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(20, false, null, ProgressListener.NONE);
    }
}
