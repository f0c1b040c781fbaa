package io.leakhound.analysis.diff;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.AnalyzedHeap;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.Units;
import io.leakhound.analysis.Version;
import io.leakhound.analysis.collections.CollectionInspectors;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.analysis.model.DominatorRow;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.analysis.model.ToolInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two dumps of the same process. The later dump is analyzed first (its suspects and top dominators
 * are the holders to follow); then the earlier one, where each holder is looked up by its path
 * ({@link PathResolver}) while that heap is open. Only one dump's index is open at a time.
 */
public final class HeapDiff {
    private HeapDiff() {
    }

    /** A holder to follow: its path in the later dump, and what the later dump says of it. */
    private record Tracked(String name, String className, String pattern, List<PathStep> path, long newRetained,
                           long[] newElements) {
    }

    public static DiffReport compare(Path oldDump, Path newDump, AnalyzeOptions options) {
        Map<String, Tracked> tracked = new LinkedHashMap<>();
        AnalysisReport newer = HeapAnalyzer.analyze(newDump, options, (heap, report) -> {
            for (Suspect s : report.suspects()) {
                track(tracked, heap, s.path(), s.pattern(), s.retainedBytes());
            }
            for (DominatorRow d : report.dominators()) {
                track(tracked, heap, d.path(), null, d.retainedBytes());
            }
        });
        Map<String, long[]> old = new HashMap<>();  // name → {found, retained, elements}
        AnalysisReport older = HeapAnalyzer.analyze(oldDump, options, (heap, report) -> {
            PathResolver resolver = new PathResolver(heap.index());
            ObjectReader reader = new ObjectReader(heap.index());
            CollectionInspectors collections = new CollectionInspectors(heap.index());
            for (Tracked t : tracked.values()) {
                long node = resolver.resolve(t.path());
                old.put(t.name(), node < 0 ? new long[] {0, 0, -1}
                        : new long[] {1, heap.retained().retained(node), LogicalSize.of(collections, reader, node)});
            }
        });
        List<DiffReport.HolderDelta> holders = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            long[] o = old.get(t.name());
            holders.add(new DiffReport.HolderDelta(t.name(), t.className(), t.pattern(), o[0] == 1, o[1],
                    t.newRetained(), o[2], t.newElements()[0], holderTitle(t, o), t.path()));
        }
        holders.sort(Comparator.comparingLong(DiffReport.HolderDelta::retainedGrowth).reversed());
        return new DiffReport(new ToolInfo(Version.NAME, Version.VERSION), older.dump(), newer.dump(), older.heap(),
                newer.heap(), classes(older, newer), holders, suspectsByGrowth(newer.suspects(), holders));
    }

    private static void track(Map<String, Tracked> tracked, AnalyzedHeap heap, List<PathStep> path, String pattern,
                              long retained) {
        if (path.isEmpty()) {
            return;
        }
        String name = io.leakhound.analysis.suspects.HolderNames.of(path);
        if (tracked.containsKey(name)) {
            return;
        }
        HeapIndex index = heap.index();
        long node = new PathResolver(index).resolve(path);
        long elements = node < 0 ? -1 : LogicalSize.of(new CollectionInspectors(index), new ObjectReader(index), node);
        tracked.put(name, new Tracked(name, path.get(path.size() - 1).targetClass(), pattern, path, retained,
                new long[] {elements}));
    }

    static String holderTitle(Tracked t, long[] old) {
        long growth = t.newRetained() - old[1];
        String sign = growth >= 0 ? "+" : "−";
        String delta = " (" + sign + Units.bytes(Math.abs(growth)) + ")";
        if (old[0] == 0) {
            return t.name() + " is new: " + Units.bytes(t.newRetained())
                    + (t.newElements()[0] >= 0 ? ", " + Units.count(t.newElements()[0]) + " entries" : "");
        }
        if (growth == 0) {
            return t.name() + " unchanged at " + Units.bytes(t.newRetained());
        }
        long oldElements = old[2];
        long newElements = t.newElements()[0];
        String verb = growth >= 0 ? "grew" : "shrank";
        if (oldElements >= 0 && newElements >= 0) {
            return t.name() + " " + verb + " from " + Units.count(oldElements) + " to " + Units.count(newElements)
                    + " entries" + delta;
        }
        return t.name() + " " + verb + " from " + Units.bytes(old[1]) + " to " + Units.bytes(t.newRetained()) + delta;
    }

    private static List<DiffReport.ClassDelta> classes(AnalysisReport older, AnalysisReport newer) {
        Map<String, ClassRow[]> rows = new LinkedHashMap<>();
        for (ClassRow r : newer.histogram()) {
            rows.computeIfAbsent(r.className(), k -> new ClassRow[2])[1] = merge(rows.get(r.className()), 1, r);
        }
        for (ClassRow r : older.histogram()) {
            rows.computeIfAbsent(r.className(), k -> new ClassRow[2])[0] = merge(rows.get(r.className()), 0, r);
        }
        List<DiffReport.ClassDelta> out = new ArrayList<>();
        rows.forEach((name, pair) -> {
            ClassRow o = pair[0];
            ClassRow n = pair[1];
            out.add(new DiffReport.ClassDelta(name, o == null ? 0 : o.instances(), n == null ? 0 : n.instances(),
                    o == null ? 0 : o.shallowBytes(), n == null ? 0 : n.shallowBytes(),
                    o == null ? 0 : o.retainedBytes(), n == null ? 0 : n.retainedBytes()));
        });
        out.sort(Comparator.comparingLong(DiffReport.ClassDelta::retainedGrowth).reversed()
                .thenComparing(Comparator.comparingLong(DiffReport.ClassDelta::shallowGrowth).reversed())
                .thenComparing(DiffReport.ClassDelta::className));
        return out;
    }

    /** Classes of the same name from several loaders are summed. */
    private static ClassRow merge(ClassRow[] pair, int side, ClassRow r) {
        ClassRow prev = pair == null ? null : pair[side];
        return prev == null ? r : new ClassRow(r.className(), prev.instances() + r.instances(),
                prev.shallowBytes() + r.shallowBytes(), prev.retainedBytes() + r.retainedBytes());
    }

    /** The later dump's suspects, re-ranked by how much their holder grew. */
    private static List<Suspect> suspectsByGrowth(List<Suspect> suspects, List<DiffReport.HolderDelta> holders) {
        Map<String, Long> growth = new HashMap<>();
        for (DiffReport.HolderDelta h : holders) {
            growth.put(h.holder(), h.retainedGrowth());
        }
        List<Suspect> sorted = new ArrayList<>(suspects);
        sorted.sort(Comparator.comparingLong((Suspect s) -> growth.getOrDefault(
                io.leakhound.analysis.suspects.HolderNames.of(s.path()), 0L)).reversed());
        List<Suspect> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Suspect s = sorted.get(i);
            out.add(new Suspect(i + 1, s.title(), s.pattern(), s.retainedBytes(), s.heapShare(), s.path(),
                    s.accumulation(), s.advice()));
        }
        return out;
    }
}
