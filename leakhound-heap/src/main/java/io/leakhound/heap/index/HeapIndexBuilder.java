package io.leakhound.heap.index;

import io.leakhound.heap.concurrent.Parallel;
import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.heap.store.TempLocation;
import io.leakhound.heap.store.TempSpace;
import io.leakhound.hprof.HprofException;
import io.leakhound.hprof.HprofFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link HeapIndex} from a dump in two scans and no Java object per heap object:
 * <ol>
 *   <li>metadata and ids: names, classes, stack traces, GC roots, every object id in file order;</li>
 *   <li>then the id index (address bitmap with rank directory, or sorted ids), the size model, and a scan that
 *       writes per node its class, shallow size, record offset and strong references (CSR).</li>
 * </ol>
 * Each scan runs on as many record-aligned ranges of the file as there are cores (up to
 * {@link #MAX_PARTS}); ranges are merged in file order, so the result does not depend on the split.
 */
public final class HeapIndexBuilder {
    /** Largest node count: node numbers are unsigned 32-bit in edge arrays, with two values reserved. */
    public static final long MAX_OBJECTS = 0xFFFF_FFFDL;
    /** Most ranges scanned at once. */
    static final int MAX_PARTS = 4;
    /** Dumps smaller than this are scanned by one thread. */
    static final long PARALLEL_MIN_BYTES = 64L << 20;
    private static final String EDGES = "edges";
    /**
     * Most bytes of the first range's edge array whose pages are allocated while the id index is built (else an
     * eighth of the range: edges took 10% of the benchmark dump).
     */
    private static final long PREPARED_EDGE_BYTES = 256L << 20;
    /**
     * Classes the second scan brings in beside the first scan's, loaded with this class (naming them here loads
     * them). While one class is the only loaded implementation of an interface or abstract class ({@code
     * HprofVisitor}: {@code DumpMetadata}; {@code MappedArray}: {@code BigLongArray}), the JIT calls it directly
     * in the code it compiles, and loading a second one throws all that code away: the first scan's compiled
     * loop was dropped just as the second scan started, which then ran interpreted until compiled again.
     */
    @SuppressWarnings("unused")
    private static final List<Class<?>> LOADED_BEFORE_THE_SCANS = List.of(GraphPass.class, BigIntArray.class);

    private HeapIndexBuilder() {
    }

    /**
     * Indexes a dump.
     *
     * @throws HprofException when the file cannot be used at all
     */
    public static HeapIndex build(Path dump, HeapIndexOptions options) {
        TempSpace temp = TempSpace.create(options.tempParent() != null ? options.tempParent()
                : TempLocation.forExpectedBytes(expectedTempBytes(dump)));
        HprofFile file = null;
        try {
            file = HprofFile.open(dump, temp.dir());
            return build(file, temp, options.progress(), options.scanThreads());
        } catch (RuntimeException e) {
            if (file != null) {
                file.close();
            }
            temp.close();
            throw e;
        }
    }

    /**
     * What the temp files of a dump's analysis may add up to: about twice the dump (measured: the arrays alive
     * at once and the files kept for reuse reach 1.3-1.6 times the dump), and a gzip dump is inflated there too,
     * from maybe eight times its size. Unknown (0) when the file cannot be read.
     */
    static long expectedTempBytes(Path dump) {
        try {
            long size = Files.size(dump);
            return HprofFile.looksCompressed(dump) ? size * 10 : size * 2;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static HeapIndex build(HprofFile file, TempSpace temp, ProgressListener progress, int scanThreads) {
        List<String> warnings = new ArrayList<>(file.openWarnings());
        int idSize = file.header().idSize();
        long dataBytes = file.dataBytes();

        io.leakhound.heap.graph.Trace trace = new io.leakhound.heap.graph.Trace("index");
        int requested = scanThreads > 0 ? scanThreads : Integer.getInteger("leakhound.scanThreads", 0);
        int parts = requested > 0 ? requested : dataBytes < PARALLEL_MIN_BYTES ? 1
                : Math.min(MAX_PARTS, Runtime.getRuntime().availableProcessors());
        long[] points = parts == 1 ? new long[] {file.header().length(), Long.MAX_VALUE} : file.splitPoints(parts);
        parts = points.length - 1;
        long[] firstRecords = new long[parts + 1];
        List<HprofFile.ScanResult> scans = new ArrayList<>();
        DumpMetadata meta = scanMetadata(file, temp, points, firstRecords, scans, progress);
        HprofFile.ScanResult scan = combine(scans);
        trace.lap("scan-1 (" + parts + " ranges)");
        // the id index is built on one core: the other allocates pages for the node offsets and the first edges
        temp.prepareZeros(EdgeOffsets.NAME, (meta.count + meta.classDumps.size() + 1) << 2);
        long firstRangeBytes = Math.min(points[1], dataBytes) - points[0];
        temp.prepareZeros(EDGES, Math.min(PREPARED_EDGE_BYTES, firstRangeBytes / 8));
        warnings.addAll(meta.warnings);
        ClassTable classes = ClassTable.build(meta, idSize);
        long undefinedClasses = 0;
        for (long classId : meta.usedClassIds) {
            if (classes.numberOf(classId) < 0) {
                classes.synthesize(classId);
                undefinedClasses++;
            }
        }
        if (undefinedClasses > 0) {
            warnings.add("objects of " + undefinedClasses + " class ids the dump does not define were"
                    + " given placeholder classes");
        }
        if (meta.duplicateClassDumps > 0) {
            warnings.add(meta.duplicateClassDumps + " classes are dumped more than once; the first copy is used");
        }
        progress.progress("id index", 0, meta.count);
        IdIndex ranks = buildIdIndex(temp, meta);
        long duplicates = meta.count - ranks.size();
        NodeIds ids = NodeIds.build(temp, meta, ranks);
        long n = ids.nodes();
        if (n > MAX_OBJECTS) {
            throw new HprofException(file.path() + ": " + n + " objects; at most " + MAX_OBJECTS
                    + " per dump are supported");
        }
        if (duplicates > 0) {
            warnings.add(duplicates + " objects appear more than once in the dump; the last copy is used");
        }
        trace.lap("id-index (" + ids.describe() + ")");
        classes.applySizes(SizeModelInference.infer(meta, ranks, classes, idSize));
        classes.markRootedClassObjects(meta.rootIds);
        trace.lap("size-model");

        BigLongArray classAndSize = BigLongArray.undefined(temp, "class-size", Math.max(1, n));
        BigLongArray recordOffsets = BigLongArray.undefined(temp, "offset", Math.max(1, n));
        long maxEdges = dataBytes / idSize + 1;
        EdgeOffsets offsets = EdgeOffsets.allocate(temp, n + 1, maxEdges);
        BigIntArray targets = BigIntArray.undefined(temp, EDGES, maxEdges);
        List<BigIntArray> segments = new ArrayList<>();
        List<Long> segmentStarts = new ArrayList<>();
        GraphPass pass = scanGraph(file, temp, points, firstRecords, meta, ids, classes, classAndSize, recordOffsets,
                offsets, targets, segments, segmentStarts, progress);
        trace.lap("scan-2");
        ids.closeRecordMap();
        if (pass.node != n) {
            throw new HprofException(file.path() + ": the dump changed while it was being read");
        }
        if (pass.dangling > 0) {
            warnings.add(pass.dangling + " references point to objects missing from the dump; they were dropped");
        }
        if (pass.hugeObjects > 0) {
            warnings.add(pass.hugeObjects + " objects are larger than 32 GB; their shallow size is counted as 32 GB");
        }
        if (pass.layoutMismatches > 0) {
            warnings.add(pass.layoutMismatches + " instances disagree with their class layout; fields past the"
                    + " record were ignored");
        }
        GcRoots roots = resolveRoots(meta, ids);
        if (roots.dangling() > 0) {
            warnings.add(roots.dangling() + " GC roots name objects missing from the dump; they were dropped");
        }
        ids.release();
        CsrGraph graph = new CsrGraph(n, offsets, segments.toArray(new BigIntArray[0]),
                segmentStarts.stream().mapToLong(Long::longValue).toArray());
        DumpStats stats = new DumpStats(meta.instances, meta.objectArrays, meta.primitiveArrays,
                meta.classDumps.size(), graph.edgeCount(), pass.dangling, scan.truncated(), scan.lostBytes(),
                scan.dataBytes());
        return new HeapIndex(file, temp, ids, classes, classAndSize, recordOffsets, graph,
                pass.weakSources, pass.weakTargets, roots, new StackTraces(meta), warnings, stats,
                pass.classInstances, pass.classShallow);
    }

    /**
     * Pass 1 over the ranges of the file at once, merged in file order into the first range's metadata;
     * fills {@code firstRecords} (index of each range's first object record) and {@code scans}.
     */
    private static DumpMetadata scanMetadata(HprofFile file, TempSpace temp, long[] points, long[] firstRecords,
                                             List<HprofFile.ScanResult> scans, ProgressListener progress) {
        int parts = points.length - 1;
        int idSize = file.header().idSize();
        long dataBytes = file.dataBytes();
        RangeProgress scanProgress = new RangeProgress(progress, "scan", points, dataBytes);
        DumpMetadata[] metas = new DumpMetadata[parts];
        for (int i = 0; i < parts; i++) {
            long rangeBytes = Math.min(points[i + 1], dataBytes) - Math.min(points[i], dataBytes);
            metas[i] = new DumpMetadata(temp, rangeBytes / (idSize + 10) + 1, scanProgress.forRange(i));
        }
        scans.addAll(Parallel.run(parts, i -> file.scan(metas[i], points[i], points[i + 1])));
        DumpMetadata meta = metas[0];
        for (int i = 1; i < parts; i++) {
            firstRecords[i] = meta.count;
            meta.append(metas[i]);
        }
        firstRecords[parts] = meta.count;
        return meta;
    }

    /**
     * Pass 2 over the same ranges at once: class objects first, then every range writes its own nodes and
     * edges; the ranges' edge arrays become the {@code segments} of one CSR edge array, starting at
     * {@code segmentStarts}. Returns the first range's pass with everyone's counters.
     */
    private static GraphPass scanGraph(HprofFile file, TempSpace temp, long[] points, long[] firstRecords,
                                       DumpMetadata meta, NodeIds ids, ClassTable classes, BigLongArray classAndSize,
                                       BigLongArray recordOffsets, EdgeOffsets offsets, BigIntArray targets,
                                       List<BigIntArray> segments, List<Long> segmentStarts,
                                       ProgressListener progress) {
        int parts = points.length - 1;
        int idSize = file.header().idSize();
        long dataBytes = file.dataBytes();
        long n = ids.nodes();
        classAndSize.mapAll();
        recordOffsets.mapAll();
        offsets.mapAll();
        targets.mapAll();
        ids.mapAll();
        RangeProgress graphProgress = new RangeProgress(progress, "references", points, dataBytes);
        GraphPass[] passes = new GraphPass[parts];
        for (int i = 0; i < parts; i++) {
            BigIntArray rangeTargets = targets;
            if (i > 0) {
                long rangeBytes = Math.min(points[i + 1], dataBytes) - Math.min(points[i], dataBytes);
                rangeTargets = BigIntArray.undefined(temp, "edges-" + i, rangeBytes / idSize + 1);
                rangeTargets.mapAll();
            }
            long firstNode = i == 0 ? 0 : firstNodeFrom(ids, firstRecords[i], firstRecords[i + 1], n);
            passes[i] = new GraphPass(ids, classes, classAndSize, recordOffsets, offsets, rangeTargets, idSize,
                    graphProgress.forRange(i), firstRecords[i], firstNode);
        }
        io.leakhound.heap.graph.Trace trace = new io.leakhound.heap.graph.Trace("index");
        Parallel.run(parts, i -> {
            if (i == 0) {
                passes[0].writeClasses(meta.classDumps);
            }
            return file.scan(passes[i], points[i], points[i + 1]);
        });
        trace.lap("scan-2 ranges");
        GraphPass joined = joinRanges(passes, offsets, segments, segmentStarts, n);
        trace.lap("scan-2 join");
        return joined;
    }

    /** The node of the first live record in {@code [from, to)}: where a range's nodes start. */
    private static long firstNodeFrom(NodeIds ids, long from, long to, long nodes) {
        for (long r = from; r < to; r++) {
            long node = ids.nodeOfRecord(r);
            if (node >= 0) {
                return node;
            }
        }
        return nodes;
    }

    /**
     * Puts the later ranges' edges after the first range's (their arrays become segments of the graph's edge
     * array: nothing is copied), shifting their nodes' offsets, and sums the ranges' counters into the first
     * pass, which it returns.
     */
    private static GraphPass joinRanges(GraphPass[] passes, EdgeOffsets offsets, List<BigIntArray> segments,
                                        List<Long> starts, long n) {
        GraphPass first = passes[0];
        segments.add(first.targets());
        starts.add(0L);
        long base = first.edges;
        long expectedNode = first.node;
        for (int i = 1; i < passes.length; i++) {
            GraphPass p = passes[i];
            if (p.firstNode != expectedNode && p.node != p.firstNode) {
                throw new IllegalStateException("ranges of the dump do not line up: node " + p.firstNode
                        + " after " + expectedNode);
            }
            if (p.node != p.firstNode) {
                expectedNode = p.node;
            }
            for (long node = p.firstNode; node < p.node; node++) {
                offsets.set(node, offsets.get(node) + base);
            }
            if (p.edges > 0) {
                segments.add(p.targets());
                starts.add(base);
            } else {
                p.targets().close();
            }
            base += p.edges;
            first.weakSources.addAll(p.weakSources);
            first.weakTargets.addAll(p.weakTargets);
            first.dangling += p.dangling;
            first.layoutMismatches += p.layoutMismatches;
            first.hugeObjects += p.hugeObjects;
            for (int c = 0; c < first.classInstances.length; c++) {
                first.classInstances[c] += p.classInstances[c];
                first.classShallow[c] += p.classShallow[c];
            }
        }
        first.node = expectedNode;
        first.edges = base;
        offsets.set(n, base);
        return first;
    }

    /** The scan of the whole file, from the scans of its consecutive ranges. */
    private static HprofFile.ScanResult combine(List<HprofFile.ScanResult> scans) {
        long records = 0;
        HprofFile.ScanResult last = scans.get(0);
        for (HprofFile.ScanResult r : scans) {
            records += r.records();
            if (r.records() > 0 || r.truncated()) {
                last = r;
            }
        }
        return new HprofFile.ScanResult(last.endOffset(), last.dataBytes(), last.truncated(), records);
    }

    private static IdIndex buildIdIndex(TempSpace temp, DumpMetadata meta) {
        long count = meta.count;
        if (count == 0) {
            return SortedIdIndex.build(temp, meta.idArray(0), 0, 0, 0);
        }
        boolean aligned = (meta.lowBits & 7) == 0;
        long bits = AddressBitmapIdIndex.bitsFor(meta.min, meta.max);
        if (aligned && meta.min >= 0 && bits > 0 && bits / 64 <= count) {
            AddressBitmapIdIndex.Builder builder = new AddressBitmapIdIndex.Builder(temp, meta.min, meta.max);
            for (int a = 0; a < meta.idArrayCount(); a++) {
                builder.add(meta.idArray(a), meta.idArrayLength(a));
            }
            return builder.build();
        }
        BigLongArray copy = new BigLongArray(temp, "ids-sorted", count);  // the file-order ids stay for idOf
        for (long i = 0; i < count; i++) {
            copy.set(i, meta.id(i));
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
