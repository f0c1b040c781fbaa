package io.leakhound.heap.index;

import java.nio.file.Path;

/**
 * Options for indexing.
 *
 * @param tempParent where the private temp directory goes (null: the system temp directory)
 * @param progress progress receiver
 * @param scanThreads how many file ranges to scan at once; 0 picks one per core for dumps over 64 MB
 */
public record HeapIndexOptions(Path tempParent, ProgressListener progress, int scanThreads) {
    public HeapIndexOptions(Path tempParent, ProgressListener progress) {
        this(tempParent, progress, 0);
    }

    public static HeapIndexOptions defaults() {
        return new HeapIndexOptions(null, ProgressListener.NONE, 0);
    }
}
