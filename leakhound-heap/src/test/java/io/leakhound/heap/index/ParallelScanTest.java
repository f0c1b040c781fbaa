package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.ChildJvm;
import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.scenarios.CountedHeap;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning a dump in several ranges at once gives exactly the index of one sequential scan. */
class ParallelScanTest {
    @TempDir
    Path dir;

    private static IndexSnapshot snapshot(Path dump, Path temp, int threads) {
        try (HeapIndex index = HeapIndexBuilder.build(dump, new HeapIndexOptions(temp, ProgressListener.NONE,
                threads))) {
            assertThat(index.objectCount()).isEqualTo(IndexSnapshot.of(index).objects().size());
            return IndexSnapshot.of(index);
        }
    }

    private void assertSameForAnySplit(Path dump, List<String> expectedWarningFragments) {
        IndexSnapshot one = snapshot(dump, dir, 1);
        for (int threads = 2; threads <= 5; threads++) {
            IndexSnapshot many = snapshot(dump, dir, threads);
            assertThat(many.objects()).as("%d ranges", threads).isEqualTo(one.objects());
            assertThat(many.edges()).as("%d ranges", threads).isEqualTo(one.edges());
            assertThat(many.weakEdges()).as("%d ranges", threads).isEqualTo(one.weakEdges());
            assertThat(many.roots()).as("%d ranges", threads).isEqualTo(one.roots());
            assertThat(many.stats()).as("%d ranges", threads).isEqualTo(one.stats());
        }
    }

    @Test
    void realDumpGivesTheSameIndexInAnyNumberOfRanges() throws Exception {
        Path dump = dir.resolve("counted.hprof");
        ChildJvm.run(CountedHeap.class, List.of("-Xmx256m", "-XX:+UseParallelGC"), 120, dump.toString(),
                dir.resolve("h.txt").toString());
        assertSameForAnySplit(dump, List.of());
    }

    @Test
    void syntheticDumpsWithManySegmentsDuplicatesAndTruncation() throws Exception {
        SmallGraph g = new SmallGraph(8, 0x1000, 0x10);
        Path segmented = HprofWriter.write(dir.resolve("seg.hprof"), g.dump(7).toByteArray());
        assertSameForAnySplit(segmented, List.of());
        byte[] all = Files.readAllBytes(segmented);
        Path cut = HprofWriter.write(dir.resolve("cut.hprof"), java.util.Arrays.copyOf(all, all.length - 37));
        assertSameForAnySplit(cut, List.of());
    }
}
