package io.leakhound.heap.index;

import java.nio.file.Path;

/**
 * Options for indexing.
 *
 * @param tempParent where the private temp directory goes (null: the system temp directory)
 * @param progress progress receiver
 */
public record HeapIndexOptions(Path tempParent, ProgressListener progress) {
    public static HeapIndexOptions defaults() {
        return new HeapIndexOptions(null, ProgressListener.NONE);
    }
}
