package io.leakhound.analysis.diff;

import io.leakhound.analysis.collections.CollectionInfo;
import io.leakhound.analysis.collections.CollectionInspectors;
import io.leakhound.heap.index.ObjectReader;

/** The number of entries or elements of a collection (from its inspector), an array's length, else -1. */
final class LogicalSize {
    private LogicalSize() {
    }

    static long of(CollectionInspectors collections, ObjectReader reader, long node) {
        CollectionInfo info = collections.inspect(node);
        if (info != null) {
            return info.size();
        }
        return reader.arrayLength(node);
    }
}
