/**
 * Reads the HotSpot HPROF binary heap dump format and nothing else.
 *
 * <p>{@link io.leakhound.hprof.HprofFile} opens a dump (plain or gzip), checks its header and streams its
 * records to a {@link io.leakhound.hprof.HprofVisitor}. Heap-dump sub-records are delivered as primitives
 * and a reused {@link io.leakhound.hprof.RecordData} view, so a scan allocates no Java object per heap
 * object. There is no graph, no size policy and no interpretation here: that is the job of
 * {@code leakhound-heap}.
 *
 * <p>Truncated or corrupt input never throws from the middle of a scan: the scan stops at the last complete
 * record and reports a warning through {@link io.leakhound.hprof.HprofVisitor#warning(String)}. Only input
 * that cannot be read at all (not an HPROF, header missing) raises {@link io.leakhound.hprof.HprofException}.
 * Input files are only ever opened for reading.
 */
package io.leakhound.hprof;
