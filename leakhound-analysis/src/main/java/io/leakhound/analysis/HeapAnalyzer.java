package io.leakhound.analysis;

import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.DominatorRow;
import io.leakhound.analysis.model.DumpInfo;
import io.leakhound.analysis.model.HeapSummary;
import io.leakhound.analysis.model.PhaseTiming;
import io.leakhound.analysis.model.ToolInfo;
import io.leakhound.analysis.findings.WasteFindings;
import io.leakhound.analysis.model.Finding;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.analysis.suspects.SuspectDiagnosis;
import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.graph.ShortestPaths;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.HeapIndexBuilder;
import io.leakhound.heap.index.HeapIndexOptions;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the analysis of one dump: index, dominator tree, retained sizes, histogram, top dominators and their
 * shortest strong paths from GC roots, and the leak suspects with their patterns.
 */
public final class HeapAnalyzer {
    private static final int CHILDREN_SHOWN = 3;
    private HeapAnalyzer() {
    }

    public static AnalysisReport analyze(Path dump, AnalyzeOptions options) {
        return analyze(dump, options, (heap, report) -> { });
    }

    /** More work on an analyzed heap while it is open, e.g. looking up objects for a comparison. */
    @FunctionalInterface
    public interface WhileOpen {
        void accept(AnalyzedHeap heap, AnalysisReport report);
    }

    /** Analyzes a dump, then hands the open heap and the report to {@code whileOpen} before closing it. */
    public static AnalysisReport analyze(Path dump, AnalyzeOptions options, WhileOpen whileOpen) {
        List<PhaseTiming> timings = new ArrayList<>();
        long t0 = System.nanoTime();
        try (HeapIndex index = HeapIndexBuilder.build(dump, new HeapIndexOptions(options.tempParent(),
                options.progress()))) {
            t0 = lap(timings, "index", t0);
            try (AnalyzedHeap heap = AnalyzedHeap.of(index, options.progress())) {
                t0 = lap(timings, "dominators", t0);
                AnalysisReport report = report(heap, options, timings, t0);
                whileOpen.accept(heap, report);
                return report;
            }
        }
    }

    /** The three children of a node in the dominator tree that retain the most, with the reference to each. */
    private static List<DominatorRow.DominatedChild> largestChildren(AnalyzedHeap heap, PathDescriber describer,
                                                                      long node, long[] children) {
        HeapIndex index = heap.index();
        TopN top = new TopN(CHILDREN_SHOWN);
        for (long child : children) {
            top.offer(child, heap.retained().retained(child));
        }
        CsrGraph g = index.graph();
        List<DominatorRow.DominatedChild> out = new ArrayList<>();
        for (long child : top.nodesDescending()) {
            boolean direct = false;
            for (long e = g.start(node), end = g.end(node); e < end && !direct; e++) {
                direct = g.target(e) == child;
            }
            out.add(new DominatorRow.DominatedChild(PathDescriber.hex(index.idOf(child)), describer.className(child),
                    heap.retained().retained(child), direct ? describer.reference(node, child) : null));
        }
        return out;
    }

    private static long lap(List<PhaseTiming> timings, String phase, long start) {
        long now = System.nanoTime();
        timings.add(new PhaseTiming(phase, (now - start) / 1e9));
        return now;
    }

    private static AnalysisReport report(AnalyzedHeap heap, AnalyzeOptions options, List<PhaseTiming> timings,
                                         long t0) {
        HeapIndex index = heap.index();
        Histogram histogram = Histogram.compute(heap);
        HeapSummary summary = histogram.summary(heap);
        t0 = lap(timings, "histogram", t0);
        PathDescriber describer = new PathDescriber(index, options.showValues());
        SuspectDiagnosis diagnosis = new SuspectDiagnosis(heap, describer, options.showValues());
        List<SuspectDiagnosis.Located> located = new ArrayList<>(diagnosis.locate(options.suspectThreshold()));
        located.addAll(diagnosis.groups(located, histogram.perClassRetained(), options.suspectThreshold()));
        long[] top = topLevelDominators(heap, options.top());
        LongLinkedOpenHashSet targets = new LongLinkedOpenHashSet(top);
        located.forEach(l -> targets.add(l.holder()));
        List<DominatorRow> dominators;
        List<Suspect> suspects;
        try (ShortestPaths paths = ShortestPaths.search(index.graph(), heap.rootNodes(), targets.toLongArray(),
                index.temp())) {
            // no big array is created after the path search: free the spare temp files while the rest runs
            index.temp().dropSpareFilesInBackground();
            dominators = describeDominators(heap, describer, top, paths);
            t0 = lap(timings, "paths", t0);
            suspects = diagnosis.describe(located, paths::pathTo);
            t0 = lap(timings, "suspects", t0);
        }
        releaseAll(heap);
        List<Finding> findings = new WasteFindings(heap).find(histogram.rows());
        releaseAll(heap);
        lap(timings, "findings", t0);
        DumpInfo dump = new DumpInfo(index.file().path().toString(), index.file().fileBytes(),
                index.header().format(), index.header().idSize(), index.file().isCompressed(),
                index.header().timestampMillis(), index.sizeModel().describe(), index.stats().truncated(),
                index.warnings());
        return new AnalysisReport(new ToolInfo(Version.NAME, Version.VERSION), dump, summary, histogram.rows(),
                dominators, suspects, findings, timings);
    }

    /** Unmaps what the next phase may not need, so the pages read so far leave the resident set. */
    private static void releaseAll(AnalyzedHeap heap) {
        heap.index().release();
        heap.tree().release();
        heap.order().release();
        heap.retained().release();
    }

    /** The {@code n} children of the virtual root that retain the most, largest first. */
    private static long[] topLevelDominators(AnalyzedHeap heap, int n) {
        DominatorTree tree = heap.tree();
        RetainedSizes retained = heap.retained();
        TopN top = new TopN(n);
        heap.order().forEachChild(0, p -> top.offer(tree.nodeInPreorder(p), retained.retainedInPreorder(p)));
        return top.nodesDescending();
    }

    private static List<DominatorRow> describeDominators(AnalyzedHeap heap, PathDescriber describer, long[] nodes,
                                                         ShortestPaths paths) {
        HeapIndex index = heap.index();
        RetainedSizes retained = heap.retained();
        List<DominatorRow> rows = new ArrayList<>();
        for (long node : nodes) {
            rows.add(new DominatorRow(PathDescriber.hex(index.idOf(node)), describer.className(node),
                    index.shallowSize(node), retained.retained(node), describer.describe(paths.pathTo(node)),
                    largestChildren(heap, describer, node, children(heap, node))));
        }
        rows.sort(Comparator.comparingLong(DominatorRow::retainedBytes).reversed());
        return rows;
    }

    /** The nodes a node immediately dominates. */
    private static long[] children(AnalyzedHeap heap, long node) {
        DominatorTree tree = heap.tree();
        LongArrayList kids = new LongArrayList();
        heap.order().forEachChild(tree.preorderOf(node), p -> kids.add(tree.nodeInPreorder(p)));
        return kids.toLongArray();
    }
}
