package io.leakhound.heap.testing;

import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.HeapIndexBuilder;
import io.leakhound.heap.index.HeapIndexOptions;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Path;

/** Indexes synthetic dumps written with {@link HprofWriter} (from the leakhound-hprof test-jar). */
public final class TestDumps {
    private TestDumps() {
    }

    /** Writes the dump to {@code dir/name} and indexes it, with temp files under {@code dir}. */
    public static HeapIndex index(HprofWriter writer, Path dir, String name) {
        return index(writer.writeTo(dir.resolve(name)), dir);
    }

    /** Indexes a dump file with temp files under {@code tempParent} (null: the system temp directory). */
    public static HeapIndex index(Path dump, Path tempParent) {
        return HeapIndexBuilder.build(dump, new HeapIndexOptions(tempParent, ProgressListener.NONE));
    }
}
