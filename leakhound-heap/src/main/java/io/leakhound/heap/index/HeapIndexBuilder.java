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
 * Builds a {@link HeapIndex} from a dump in three sequential scans and no Java object per heap object:
 * <ol>
 *   <li>metadata and ids: names, classes, stack traces, GC roots, every object id (file order);</li>
 *   <li>then the id index (address bitmap with rank directory, or sorted ids) and the size model, and a scan
 *       for each object's class, shallow size, record offset and reference count;</li>
 *   <li>after a prefix sum over the counts, a scan that writes the references into CSR arrays.</li>
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

        DumpMetadata meta = new DumpMetadata(temp, maxObjects, progress);
        HprofFile.ScanResult scan = file.scan(meta);
        warnings.addAll(meta.warnings);
        if (meta.count > MAX_OBJECTS) {
            throw new HprofException(file.path() + ": " + meta.count + " objects; at most " + MAX_OBJECTS
                    + " per dump are supported");
        }
        ClassTable classes = ClassTable.build(meta, idSize);
        progress.progress("id index", 0, meta.count);
        IdIndex ids = buildIdIndex(temp, meta);
        if (ids.size() != meta.count) {
            warnings.add((meta.count - ids.size()) + " objects appear more than once in the dump; the last copy is used");
        }
        classes.applySizes(SizeModelInference.infer(meta, ids, classes, idSize));

        long n = ids.size();
        BigIntArray classOf = new BigIntArray(temp, "class", Math.max(1, n));
        BigIntArray sizeUnits = new BigIntArray(temp, "size", Math.max(1, n));
        BigLongArray recordOffsets = new BigLongArray(temp, "offset", Math.max(1, n));
        BigIntArray counts = new BigIntArray(temp, "edges-offsets", n + 1);
        NodePass nodes = new NodePass(ids, classes, classOf, sizeUnits, recordOffsets, counts, idSize, progress);
        file.scan(nodes);
        EdgeOffsets offsets = EdgeOffsets.fromCounts(temp, counts, n);
        long edgeSlots = offsets.get(n);
        BigIntArray targets = new BigIntArray(temp, "edges", Math.max(1, edgeSlots));
        EdgePass edges = new EdgePass(ids, classes, offsets, targets, idSize, progress);
        file.scan(edges);
        if (edges.dangling > 0) {
            compact(offsets, targets, n);
            warnings.add(edges.dangling + " references point to objects missing from the dump; they were dropped");
        }
        if (nodes.unknownClassObjects > 0) {
            warnings.add("objects of " + nodes.unknownClassObjects + " class ids the dump does not define were"
                    + " given placeholder classes");
        }
        if (nodes.layoutMismatches > 0) {
            warnings.add(nodes.layoutMismatches + " instances disagree with their class layout; fields past the"
                    + " record were ignored");
        }
        GcRoots roots = resolveRoots(meta, ids);
        if (roots.dangling() > 0) {
            warnings.add(roots.dangling() + " GC roots name objects missing from the dump; they were dropped");
        }
        meta.ids.close();
        CsrGraph graph = new CsrGraph(n, offsets, targets);
        DumpStats stats = new DumpStats(meta.instances, meta.objectArrays, meta.primitiveArrays,
                meta.classDumps.size(), graph.edgeCount(), edges.dangling, scan.truncated(), scan.lostBytes(),
                scan.dataBytes());
        return new HeapIndex(file, temp, ids, classes, classOf, sizeUnits, recordOffsets, graph,
                edges.weakSources, edges.weakTargets, roots, new StackTraces(meta), warnings, stats);
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
        BigLongArray copy = new BigLongArray(temp, "ids-sorted", count);
        for (long i = 0; i < count; i++) {
            copy.set(i, meta.ids.get(i));
        }
        return SortedIdIndex.build(temp, copy, count, meta.min, meta.max);
    }

    /** Removes dangling slots from the CSR arrays in one sequential pass. */
    private static void compact(EdgeOffsets offsets, BigIntArray targets, long n) {
        long write = 0;
        long start = offsets.get(0);
        for (long node = 0; node < n; node++) {
            long end = offsets.get(node + 1);
            offsets.set(node, write);
            for (long e = start; e < end; e++) {
                int t = targets.get(e);
                if (t != EdgePass.DANGLING) {
                    targets.set(write++, t);
                }
            }
            start = end;
        }
        offsets.set(n, write);
    }

    private static GcRoots resolveRoots(DumpMetadata meta, IdIndex ids) {
        int count = meta.rootIds.size();
        long[] nodes = new long[count];
        byte[] kinds = new byte[count];
        int[] threads = new int[count];
        int[] frames = new int[count];
        int kept = 0;
        long dangling = 0;
        for (int i = 0; i < count; i++) {
            long node = ids.indexOf(meta.rootIds.getLong(i));
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
