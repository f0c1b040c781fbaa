/**
 * Meaning on top of the heap graph. {@link io.leakhound.analysis.HeapAnalyzer} runs the whole pipeline for
 * one dump (index, dominators, retained sizes, histogram, top dominators with their GC-root paths) and
 * returns an {@link io.leakhound.analysis.model.AnalysisReport}.
 */
package io.leakhound.analysis;
