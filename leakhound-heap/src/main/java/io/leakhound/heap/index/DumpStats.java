package io.leakhound.heap.index;

/**
 * Counts from indexing.
 *
 * @param instances instance dumps
 * @param objectArrays object array dumps
 * @param primitiveArrays primitive array dumps
 * @param classObjects class dumps
 * @param edges strong references between objects in the dump
 * @param danglingReferences references to ids the dump does not hold (dropped)
 * @param truncated whether the dump ended inside a record
 * @param lostBytes bytes after the last complete record
 * @param dataBytes bytes of HPROF data (uncompressed)
 */
public record DumpStats(long instances, long objectArrays, long primitiveArrays, long classObjects, long edges,
                        long danglingReferences, boolean truncated, long lostBytes, long dataBytes) {
}
