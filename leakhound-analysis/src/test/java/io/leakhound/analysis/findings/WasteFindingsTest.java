package io.leakhound.analysis.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.Finding;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.heap.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waste findings on a real dump with planted waste ({@link WasteHeap}), with compressed oops (4-byte refs). */
class WasteFindingsTest {
    @TempDir
    static Path dir;
    private static AnalysisReport report;

    @BeforeAll
    static void analyze() throws Exception {
        Path dump = dir.resolve("waste.hprof");
        ChildJvm.run(WasteHeap.class, List.of("-Xmx256m", "-XX:+UseCompressedOops"), 120, dump.toString());
        report = HeapAnalyzer.analyze(dump, new AnalyzeOptions(5, false, dir, ProgressListener.NONE,
                AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD));
    }

    private static Finding finding(String pattern) {
        return report.findings().stream().filter(f -> f.pattern().equals(pattern)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + pattern + " in " + report.findings()));
    }

    private static long leadingCount(Finding f) {
        return Long.parseLong(f.message().substring(0, f.message().indexOf(' ')).replace(",", ""));
    }

    @Test
    void duplicateStringsCountEveryExtraCopy() {
        Finding f = finding("duplicate-strings");
        long planted = (long) WasteHeap.VALUES * (WasteHeap.COPIES - 1);
        assertThat(leadingCount(f)).isBetween(planted, planted + 20_000);  // + the JDK's own duplicates
        // each extra copy: a String (24 B) and its byte[40] (16 + 40 B)
        assertThat(f.bytes()).isGreaterThanOrEqualTo(planted * (24 + 56));
        assertThat(f.ids()).hasSize(WasteFindings.EXAMPLES);
        assertThat(f.message()).doesNotContain("duplicated-value");  // contents are never shown
    }

    @Test
    void emptyAndSparseCollections() {
        Finding empty = finding("empty-collections");
        assertThat(leadingCount(empty)).isGreaterThanOrEqualTo(WasteHeap.EMPTY_LISTS);
        assertThat(empty.bytes()).isGreaterThanOrEqualTo(WasteHeap.EMPTY_LISTS * (16L + 100 * 4));
        Finding sparse = finding("sparse-collections");
        assertThat(leadingCount(sparse)).isGreaterThanOrEqualTo(WasteHeap.SPARSE_MAPS);
        assertThat(sparse.bytes()).isGreaterThanOrEqualTo(WasteHeap.SPARSE_MAPS * (1024L - 10) * 4);
    }

    @Test
    void boxedPrimitives() {
        Finding boxes = finding("boxed-primitives");
        assertThat(leadingCount(boxes)).isGreaterThanOrEqualTo(WasteHeap.BOXES);
        assertThat(boxes.bytes()).isGreaterThanOrEqualTo(WasteHeap.BOXES * 16L);
        assertThat(report.findings()).isSortedAccordingTo((a, b) -> Long.compare(b.bytes(), a.bytes()));
    }
}
