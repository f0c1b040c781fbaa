package io.leakhound.analysis.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.heap.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} on two dumps of one process taken before and after its cache grew ({@link GrowingCache}). */
class HeapDiffTest {
    @TempDir
    static Path dir;
    private static DiffReport diff;

    @BeforeAll
    static void dumpTwice() throws Exception {
        Path before = dir.resolve("before.hprof");
        Path after = dir.resolve("after.hprof");
        ChildJvm.run(GrowingCache.class, List.of("-Xmx256m", "-XX:+UseSerialGC"), 120, before.toString(),
                after.toString());
        diff = HeapDiff.compare(before, after, new AnalyzeOptions(10, false, dir, ProgressListener.NONE, 0.10));
    }

    @Test
    void findsTheCacheInBothDumpsByItsPath() {
        DiffReport.HolderDelta top = diff.holders().get(0);
        assertThat(top.holder()).isEqualTo("static GrowingCache.POINTS");
        assertThat(top.found()).isTrue();
        assertThat(top.oldElements()).isEqualTo(GrowingCache.BEFORE);
        assertThat(top.newElements()).isEqualTo(GrowingCache.AFTER);
        assertThat(top.pattern()).isEqualTo("unbounded-collection");
        assertThat(top.title()).isEqualTo("static GrowingCache.POINTS grew from 5,000 to 50,000 entries (+"
                + io.leakhound.analysis.Units.bytes(top.retainedGrowth()) + ")");
        // each point is a Point and its long[32] (+ key and node): at least that much per added entry
        long perPoint = 16 + 16 + 32 * 8;
        assertThat(top.retainedGrowth()).isGreaterThan(perPoint * (GrowingCache.AFTER - GrowingCache.BEFORE));
    }

    @Test
    void countsClassGrowthExactly() {
        DiffReport.ClassDelta points = diff.classes().stream()
                .filter(c -> c.className().equals(GrowingCache.Point.class.getName())).findFirst().orElseThrow();
        assertThat(points.oldInstances()).isEqualTo(GrowingCache.BEFORE);
        assertThat(points.newInstances()).isEqualTo(GrowingCache.AFTER);
        assertThat(points.instanceGrowth()).isEqualTo(GrowingCache.AFTER - GrowingCache.BEFORE);
        assertThat(diff.classes().get(0).retainedGrowth()).isGreaterThanOrEqualTo(points.retainedGrowth());
    }

    @Test
    void ranksTheNewDumpsSuspectsByGrowth() {
        assertThat(diff.suspects()).isNotEmpty();
        assertThat(diff.suspects().get(0).title()).startsWith("static GrowingCache.POINTS");
        assertThat(diff.newHeap().reachableBytes()).isGreaterThan(diff.oldHeap().reachableBytes());
    }
}
