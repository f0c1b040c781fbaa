package io.leakhound.heap.index;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * Object id ↔ node number. Class objects are nodes {@code 0..C-1} (a small hash map); instances and arrays
 * follow in file order as nodes {@code C..}. Their ids are ranked by an {@link IdIndex} over addresses, and
 * a rank becomes a node in one of three ways:
 * <ul>
 *   <li>ordered runs (HotSpot: one ascending run per heap space walked, over disjoint address ranges): the
 *       node is the rank plus the run's offset, pure arithmetic, nothing stored;</li>
 *   <li>a permutation array, for any other order;</li>
 *   <li>with ids dumped twice, a permutation to the last copy, whose earlier copies get no node.</li>
 * </ul>
 */
final class NodeIds implements AutoCloseable {
    private final Long2IntOpenHashMap classNodes;
    private final long[] classIds;
    private final IdIndex ranks;
    // ordered runs, sorted by address: first id, first rank, first node
    private final long[] runFirstId;
    private final long[] runFirstRank;
    private final long[] runFirstNode;
    // the same runs sorted by node
    private final long[] runNodeStarts;
    private final long[] runNodeRanks;
    private final BigIntArray nodeByRank;
    private final BigLongArray idByObject;
    private final BigIntArray nodeByRecord;
    private final long nodes;

    private NodeIds(long[] classIds, IdIndex ranks, long[][] runs, BigIntArray nodeByRank, BigLongArray idByObject,
                    BigIntArray nodeByRecord, long nodes) {
        this.classIds = classIds;
        this.classNodes = new Long2IntOpenHashMap(classIds.length);
        classNodes.defaultReturnValue(-1);
        for (int i = 0; i < classIds.length; i++) {
            classNodes.put(classIds[i], i);
        }
        this.ranks = ranks;
        this.runFirstId = runs == null ? null : runs[0];
        this.runFirstRank = runs == null ? null : runs[1];
        this.runFirstNode = runs == null ? null : runs[2];
        this.runNodeStarts = runs == null ? null : runs[3];
        this.runNodeRanks = runs == null ? null : runs[4];
        this.nodeByRank = nodeByRank;
        this.idByObject = idByObject;
        this.nodeByRecord = nodeByRecord;
        this.nodes = nodes;
    }

    /** Builds the mapping from pass-1 metadata; takes ownership of its ids. */
    static NodeIds build(TempSpace temp, DumpMetadata meta, IdIndex ranks) {
        long[] classIds = new long[meta.classDumps.size()];
        for (int i = 0; i < classIds.length; i++) {
            classIds[i] = meta.classDumps.get(i).classId();
        }
        long c = classIds.length;
        long count = meta.count;
        long distinct = ranks.size();
        if (distinct == count) {
            long[][] runs = orderedRuns(meta, ranks, c);
            if (runs != null) {
                meta.closeIds();
                return new NodeIds(classIds, ranks, runs, null, null, null, c + count);
            }
            BigLongArray idByObject = meta.idsInOneArray(temp);
            BigIntArray nodeByRank = new BigIntArray(temp, "node-by-rank", Math.max(1, distinct));
            for (long k = 0; k < count; k++) {
                nodeByRank.set(ranks.indexOf(idByObject.get(k)), (int) (c + k));
            }
            return new NodeIds(classIds, ranks, null, nodeByRank, idByObject, null, c + count);
        }
        BigLongArray lastRecord = new BigLongArray(temp, "last-record", distinct);
        for (long k = 0; k < count; k++) {
            lastRecord.set(ranks.indexOf(meta.id(k)), k);
        }
        BigIntArray nodeByRecord = new BigIntArray(temp, "node-by-record", count);
        BigIntArray nodeByRank = new BigIntArray(temp, "node-by-rank", distinct);
        BigLongArray idByObject = new BigLongArray(temp, "id-by-node", distinct);
        long next = 0;
        for (long k = 0; k < count; k++) {
            long id = meta.id(k);
            long rank = ranks.indexOf(id);
            if (lastRecord.get(rank) == k) {
                nodeByRecord.set(k, (int) (c + next));
                nodeByRank.set(rank, (int) (c + next));
                idByObject.set(next, id);
                next++;
            } else {
                nodeByRecord.set(k, -1);
            }
        }
        lastRecord.close();
        meta.closeIds();
        return new NodeIds(classIds, ranks, null, nodeByRank, idByObject, nodeByRecord, c + distinct);
    }

    /**
     * The runs as arrays {firstId, firstRank, firstNode} sorted by address plus {nodeStart, rankAtNodeStart}
     * sorted by node, or null when the runs overlap in address (then ranks inside a run are not contiguous).
     */
    private static long[][] orderedRuns(DumpMetadata meta, IdIndex ranks, long c) {
        if (meta.tooManyRuns) {
            return null;
        }
        int k = meta.runFirstRecord.size();
        Integer[] byAddress = new Integer[k];
        for (int i = 0; i < k; i++) {
            byAddress[i] = i;
        }
        java.util.Arrays.sort(byAddress, (a, b) -> Long.compareUnsigned(meta.runFirstId.getLong(a),
                meta.runFirstId.getLong(b)));
        long[] firstId = new long[k];
        long[] firstRank = new long[k];
        long[] firstNode = new long[k];
        long rank = 0;
        for (int j = 0; j < k; j++) {
            int run = byAddress[j];
            if (j > 0 && Long.compareUnsigned(meta.runLastId.getLong(byAddress[j - 1]),
                    meta.runFirstId.getLong(run)) >= 0) {
                return null;
            }
            firstId[j] = meta.runFirstId.getLong(run);
            firstRank[j] = rank;
            firstNode[j] = c + meta.runFirstRecord.getLong(run);
            long end = run + 1 < k ? meta.runFirstRecord.getLong(run + 1) : meta.count;
            rank += end - meta.runFirstRecord.getLong(run);
        }
        long[] nodeStarts = new long[k];
        long[] nodeRanks = new long[k];
        for (int run = 0; run < k; run++) {
            nodeStarts[run] = c + meta.runFirstRecord.getLong(run);
            for (int j = 0; j < k; j++) {
                if (byAddress[j] == run) {
                    nodeRanks[run] = firstRank[j];
                }
            }
        }
        return new long[][] {firstId, firstRank, firstNode, nodeStarts, nodeRanks};
    }

    /** Number of nodes: class objects plus distinct objects. */
    long nodes() {
        return nodes;
    }

    /** Number of class objects (nodes {@code 0..classCount()-1}). */
    int classCount() {
        return classIds.length;
    }

    /** Node of the {@code record}-th instance/array record of the file, or -1 for a superseded copy. */
    long nodeOfRecord(long record) {
        if (nodeByRecord == null) {
            return classIds.length + record;
        }
        int n = nodeByRecord.get(record);
        return n == -1 ? -1 : Integer.toUnsignedLong(n);
    }

    /** Node number of an id, or -1 when the dump has no object with that id. */
    long nodeOf(long id) {
        long r = ranks.indexOf(id);
        if (r < 0) {
            return classNodes.get(id);
        }
        if (nodeByRank != null) {
            return Integer.toUnsignedLong(nodeByRank.get(r));
        }
        long[] starts = runFirstId;
        int j = starts.length - 1;
        if (j > 0) {
            j = upperBound(starts, id) - 1;
        }
        return runFirstNode[j] + (r - runFirstRank[j]);
    }

    /** Index of the first element greater than {@code key} (unsigned) in a sorted array. */
    private static int upperBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long idOf(long node) {
        if (node < classIds.length) {
            return classIds[(int) node];
        }
        if (idByObject != null) {
            return idByObject.get(node - classIds.length);
        }
        int j = runNodeStarts.length - 1;
        if (j > 0) {
            int lo = 0;
            int hi = runNodeStarts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (runNodeStarts[mid] <= node) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            j = lo - 1;
        }
        return ranks.idAt(runNodeRanks[j] + (node - runNodeStarts[j]));
    }

    /** Ids of instances and arrays by address rank, for address-gap measurements. */
    IdIndex ranks() {
        return ranks;
    }

    /** How the mapping is stored, for tracing. */
    String describe() {
        if (runFirstId != null) {
            return runFirstId.length + " ordered run(s)";
        }
        return nodeByRecord != null ? "permutation with duplicates" : "permutation";
    }

    /** Maps all lookup arrays now, before concurrent readers start. */
    void mapAll() {
        ranks.mapAll();
        if (nodeByRank != null) {
            nodeByRank.mapAll();
        }
        if (nodeByRecord != null) {
            nodeByRecord.mapAll();
        }
    }

    void closeRecordMap() {
        if (nodeByRecord != null) {
            nodeByRecord.close();
        }
    }

    void release() {
        if (idByObject != null) {
            idByObject.release();
        }
    }

    @Override
    public void close() {
        ranks.close();
        if (nodeByRank != null) {
            nodeByRank.close();
        }
        if (idByObject != null) {
            idByObject.close();
        }
        closeRecordMap();
    }
}
