package io.leakhound.heap.index;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.heap.store.TempSpace;
import io.leakhound.hprof.HprofException;
import io.leakhound.hprof.HprofFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link HeapIndex} from a dump in two sequential scans and no Java object per heap object:
 * <ol>
 *   <li>metadata and ids: names, classes, stack traces, GC roots, every object id in file order;</li>
 *   <li>then the id index (address bitmap with rank directory, or sorted ids), the size model, and a scan that
 *       writes per node (file order) its class, shallow size, record offset and strong references (CSR).</li>
 * </ol>
 */
public final class HeapIndexBuilder {
    /** Largest node count: node numbers are unsigned 32-bit in edge arrays, with two values reserved. */
    public static final long MAX_OBJECTS = 0xFFFF_FFFDL;

    private HeapIndexBuilder() {
    }

    /**
     * Indexes a dump.
     *
     * @throws HprofException when the file cannot be used at all
     */
    public static HeapIndex build(Path dump, HeapIndexOptions options) {
        TempSpace temp = TempSpace.create(options.tempParent());
        HprofFile file = null;
        try {
            file = HprofFile.open(dump, temp.dir());
            return build(file, temp, options.progress());
        } catch (RuntimeException e) {
            if (file != null) {
                file.close();
            }
            temp.close();
            throw e;
        }
    }

    private static HeapIndex build(HprofFile file, TempSpace temp, ProgressListener progress) {
        List<String> warnings = new ArrayList<>(file.openWarnings());
        int idSize = file.header().idSize();
        long dataBytes = file.dataBytes();
        long maxObjects = dataBytes / (idSize + 10) + 1;

        io.leakhound.heap.graph.Trace trace = new io.leakhound.heap.graph.Trace("index");
        DumpMetadata meta = new DumpMetadata(temp, maxObjects, progress);
        HprofFile.ScanResult scan = file.scan(meta);
        trace.lap("scan-1");
        warnings.addAll(meta.warnings);
        if (meta.count > MAX_OBJECTS) {
            throw new HprofException(file.path() + ": " + meta.count + " objects; at most " + MAX_OBJECTS
                    + " per dump are supported");
        }
        ClassTable classes = ClassTable.build(meta, idSize);
        progress.progress("id index", 0, meta.count);
        BuiltIds ids = nodeIds(temp, meta);
        long n = ids.nodes();
        if (ids.duplicates() > 0) {
            warnings.add(ids.duplicates() + " objects appear more than once in the dump; the last copy is used");
        }
        trace.lap("id-index (" + (ids.addressOrder() ? "address order" : "file order, " + (meta.ascending ? "ascending" : "unordered")) + ")");
        classes.applySizes(SizeModelInference.infer(meta, ids.nodeIds().ranks(), classes, idSize));
        trace.lap("size-model");

        BigIntArray classOf = new BigIntArray(temp, "class", Math.max(1, n));
        BigIntArray sizeUnits = new BigIntArray(temp, "size", Math.max(1, n));
        BigLongArray recordOffsets = new BigLongArray(temp, "offset", Math.max(1, n));
        long maxEdges = dataBytes / idSize + 1;
        EdgeOffsets offsets = EdgeOffsets.allocate(temp, n + 1, maxEdges);
        BigIntArray targets = new BigIntArray(temp, "edges", maxEdges);
        GraphPass pass = new GraphPass(ids.nodeIds(), ids.nodeByRecord(), classes, classOf, sizeUnits, recordOffsets,
                offsets, targets, idSize, ids.addressOrder(), progress);
        file.scan(pass);
        pass.finish();
        trace.lap("scan-2");
        if (ids.nodeByRecord() != null) {
            ids.nodeByRecord().close();
        }
        if (pass.node != n) {
            throw new HprofException(file.path() + ": the dump changed while it was being read");
        }
        if (pass.dangling > 0) {
            warnings.add(pass.dangling + " references point to objects missing from the dump; they were dropped");
        }
        if (pass.unknownClassObjects > 0) {
            warnings.add("objects of " + pass.unknownClassObjects + " class ids the dump does not define were"
                    + " given placeholder classes");
        }
        if (pass.layoutMismatches > 0) {
            warnings.add(pass.layoutMismatches + " instances disagree with their class layout; fields past the"
                    + " record were ignored");
        }
        GcRoots roots = resolveRoots(meta, ids.nodeIds());
        if (roots.dangling() > 0) {
            warnings.add(roots.dangling() + " GC roots name objects missing from the dump; they were dropped");
        }
        ids.nodeIds().release();
        CsrGraph graph = new CsrGraph(n, offsets, targets);
        DumpStats stats = new DumpStats(meta.instances, meta.objectArrays, meta.primitiveArrays,
                meta.classDumps.size(), graph.edgeCount(), pass.dangling, scan.truncated(), scan.lostBytes(),
                scan.dataBytes());
        return new HeapIndex(file, temp, ids.nodeIds(), classes, classOf, sizeUnits, recordOffsets, graph,
                pass.weakSources, pass.weakTargets, roots, new StackTraces(meta), warnings, stats);
    }

    /**
     * Id index plus, when file order is not address order, the rank → node permutation; when ids repeat, the
     * record → node map that drops superseded copies (the last copy of an id is its object).
     */
    private record BuiltIds(NodeIds nodeIds, long duplicates, BigIntArray nodeByRecord, long nodes,
                            boolean addressOrder) {
    }

    private static BuiltIds nodeIds(TempSpace temp, DumpMetadata meta) {
        IdIndex ranks = buildIdIndex(temp, meta);
        long count = meta.count;
        long distinct = ranks.size();
        if (distinct == count && meta.objectsAscendingAfterClasses) {
            meta.ids.close();
            return new BuiltIds(new NodeIds(ranks, null, null), 0, null, count, true);
        }
        if (distinct == count) {
            BigIntArray nodeByRank = null;
            if (!meta.ascending) {
                nodeByRank = new BigIntArray(temp, "node-by-rank", Math.max(1, distinct));
                for (long k = 0; k < count; k++) {
                    nodeByRank.set(ranks.indexOf(meta.ids.get(k)), (int) k);
                }
            }
            return new BuiltIds(new NodeIds(ranks, nodeByRank, meta.ids), 0, null, count, false);
        }
        BigLongArray lastRecord = new BigLongArray(temp, "last-record", distinct);
        for (long k = 0; k < count; k++) {
            lastRecord.set(ranks.indexOf(meta.ids.get(k)), k);
        }
        BigIntArray nodeByRecord = new BigIntArray(temp, "node-by-record", count);
        BigIntArray nodeByRank = new BigIntArray(temp, "node-by-rank", distinct);
        BigLongArray idByNode = new BigLongArray(temp, "id-by-node", distinct);
        long node = 0;
        for (long k = 0; k < count; k++) {
            long id = meta.ids.get(k);
            long rank = ranks.indexOf(id);
            if (lastRecord.get(rank) == k) {
                nodeByRecord.set(k, (int) node);
                nodeByRank.set(rank, (int) node);
                idByNode.set(node, id);
                node++;
            } else {
                nodeByRecord.set(k, -1);
            }
        }
        lastRecord.close();
        meta.ids.close();
        return new BuiltIds(new NodeIds(ranks, nodeByRank, idByNode), count - distinct, nodeByRecord, distinct,
                false);
    }

    private static IdIndex buildIdIndex(TempSpace temp, DumpMetadata meta) {
        long count = meta.count;
        if (count == 0) {
            return SortedIdIndex.build(temp, meta.ids, 0, 0, 0);
        }
        boolean aligned = (meta.lowBits & 7) == 0;
        long bits = AddressBitmapIdIndex.bitsFor(meta.min, meta.max);
        if (aligned && meta.min >= 0 && bits > 0 && bits / 64 <= count) {
            return AddressBitmapIdIndex.build(temp, meta.ids, count, meta.min, meta.max);
        }
        BigLongArray copy = new BigLongArray(temp, "ids-sorted", count);  // the file-order ids stay for idOf
        for (long i = 0; i < count; i++) {
            copy.set(i, meta.ids.get(i));
        }
        return SortedIdIndex.build(temp, copy, count, meta.min, meta.max);
    }

    private static GcRoots resolveRoots(DumpMetadata meta, NodeIds ids) {
        int count = meta.rootIds.size();
        long[] nodes = new long[count];
        byte[] kinds = new byte[count];
        int[] threads = new int[count];
        int[] frames = new int[count];
        int kept = 0;
        long dangling = 0;
        for (int i = 0; i < count; i++) {
            long node = ids.nodeOf(meta.rootIds.getLong(i));
            if (node < 0) {
                dangling++;
                continue;
            }
            nodes[kept] = node;
            kinds[kept] = (byte) meta.rootKinds.getInt(i);
            threads[kept] = meta.rootThreads.getInt(i);
            frames[kept] = meta.rootFrames.getInt(i);
            kept++;
        }
        return new GcRoots(java.util.Arrays.copyOf(nodes, kept), java.util.Arrays.copyOf(kinds, kept),
                java.util.Arrays.copyOf(threads, kept), java.util.Arrays.copyOf(frames, kept), dangling);
    }
}
