package io.leakhound.analysis.model;

import java.util.List;

/**
 * Everything {@code leakhound analyze} reports about one dump.
 *
 * @param tool name and version of the tool
 * @param dump the file and how it was read
 * @param heap totals
 * @param histogram every class, by retained size then shallow size
 * @param dominators top objects of the dominator tree, with their GC-root paths
 * @param suspects leak suspects, by rank (may be empty)
 * @param findings waste and other observations (may be empty)
 * @param timings seconds per phase, for the curious and for benchmarks
 */
public record AnalysisReport(ToolInfo tool, DumpInfo dump, HeapSummary heap, List<ClassRow> histogram,
                             List<DominatorRow> dominators, List<Suspect> suspects, List<Finding> findings,
                             List<PhaseTiming> timings) {
}
