package io.leakhound.heap.index;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import io.leakhound.hprof.HprofFile;
import io.leakhound.hprof.HprofHeader;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;

/**
 * One heap dump as an indexed, read-only graph. Objects are numbered densely ({@code 0..objectCount()-1}):
 * class objects first, then instances and arrays in the order the dump holds them; per object the index holds its class, shallow size and record offset, and the strong
 * outbound references as a {@link CsrGraph}. {@code Reference.referent} edges are kept apart as weak edges.
 * Class objects (one per CLASS_DUMP) are objects too, of class {@code java.lang.Class}.
 *
 * <p>Per-object data lives in memory-mapped temp files in a private directory that {@link #close()} removes.
 * Reads are safe from several threads; nothing here mutates after {@link HeapIndexBuilder} returns.
 */
public final class HeapIndex implements AutoCloseable {
    private final HprofFile file;
    private final TempSpace temp;
    private final NodeIds ids;
    private final ClassTable classes;
    /** Per node: class number in the low 32 bits, shallow size in 8-byte units in the high 32 bits. */
    private final BigLongArray classAndSize;
    private final BigLongArray recordOffsets;
    private final CsrGraph graph;
    private final long[] weakSources;
    private final long[] weakTargets;
    private final GcRoots roots;
    private final StackTraces stacks;
    private final List<String> warnings;
    private final DumpStats stats;
    private final long[] classInstances;
    private final long[] classShallow;
    private DumpBytes dumpBytes;

    HeapIndex(HprofFile file, TempSpace temp, NodeIds ids, ClassTable classes, BigLongArray classAndSize,
              BigLongArray recordOffsets, CsrGraph graph, LongArrayList weakSources,
              LongArrayList weakTargets, GcRoots roots, StackTraces stacks, List<String> warnings, DumpStats stats,
              long[] classInstances, long[] classShallow) {
        this.classInstances = classInstances;
        this.classShallow = classShallow;
        this.file = file;
        this.temp = temp;
        this.ids = ids;
        this.classes = classes;
        this.classAndSize = classAndSize;
        this.recordOffsets = recordOffsets;
        this.graph = graph;
        this.weakSources = weakSources.toLongArray();
        this.weakTargets = weakTargets.toLongArray();
        this.roots = roots;
        this.stacks = stacks;
        this.warnings = List.copyOf(warnings);
        this.stats = stats;
    }

    public HprofFile file() {
        return file;
    }

    public HprofHeader header() {
        return file.header();
    }

    /** The private temp space of this index, for algorithm scratch arrays. */
    public TempSpace temp() {
        return temp;
    }

    public long objectCount() {
        return graph.nodeCount();
    }

    public ClassTable classes() {
        return classes;
    }

    public SizeModel sizeModel() {
        return classes.sizeModel();
    }

    /** Dense index of an object id, or -1 when the dump has no such object. */
    public long nodeOf(long id) {
        return ids.nodeOf(id);
    }

    public long idOf(long node) {
        return ids.idOf(node);
    }

    public int classNumberOf(long node) {
        return (int) classAndSize.get(node);
    }

    public ClassInfo classOf(long node) {
        return classes.get((int) classAndSize.get(node));
    }

    /** For a class object, the class it stands for; null for other objects. */
    public ClassInfo classForClassObject(long node) {
        if (node >= ids.classCount()) {
            return null;
        }
        return classes.get(classes.numberOf(ids.idOf(node)));
    }

    /** Class objects are nodes {@code 0..classObjectCount()-1}. */
    public int classObjectCount() {
        return ids.classCount();
    }

    public long shallowSize(long node) {
        return (classAndSize.get(node) >>> 32) << 3;
    }

    /** File offset of the object's heap sub-record, for {@link HprofFile#readAt}. */
    public long recordOffset(long node) {
        return recordOffsets.get(node);
    }

    /** Strong references between objects (weak referents excluded). */
    public CsrGraph graph() {
        return graph;
    }

    /** Number of {@code Reference.referent} edges. */
    public int weakEdgeCount() {
        return weakSources.length;
    }

    public long weakSource(int i) {
        return weakSources[i];
    }

    public long weakTarget(int i) {
        return weakTargets[i];
    }

    public GcRoots roots() {
        return roots;
    }

    public StackTraces stacks() {
        return stacks;
    }

    /** Problems found while reading: truncation, unknown records, dangling ids. One line each. */
    public List<String> warnings() {
        return warnings;
    }

    public DumpStats stats() {
        return stats;
    }

    /** Objects per class number (class objects count as {@code java.lang.Class}). */
    public long instancesOfClass(int classNumber) {
        return classInstances[classNumber];
    }

    /** Shallow bytes of all objects of a class number. */
    public long shallowBytesOfClass(int classNumber) {
        return classShallow[classNumber];
    }

    /**
     * Random access to the dump's bytes for {@link ObjectReader}: the file mapped into memory, or for a gzip
     * dump a small page cache over its inflated copy. Created on first use; closed with the index.
     */
    synchronized DumpBytes dumpBytes() {
        if (dumpBytes == null) {
            dumpBytes = file.isCompressed() ? new PagedDumpBytes(file)
                    : new MappedDumpBytes(io.leakhound.heap.store.MappedFile.open(file.path()));
        }
        return dumpBytes;
    }

    /** Maps the per-object class and size array now, for {@link #shallowSize} and class reads from two threads. */
    public void mapClassesAndSizes() {
        classAndSize.mapAll();
    }

    /**
     * Maps now what {@link ObjectReader} reads (per-object arrays, the id lookup, the dump), so that several
     * threads can then read objects without mapping anything themselves.
     */
    public void mapForConcurrentReads() {
        classAndSize.mapAll();
        recordOffsets.mapAll();
        ids.mapAll();
        dumpBytes().getByte(0);  // maps the whole file (the header is always there)
    }

    /** Unmaps per-object arrays and the dump until their next use, shrinking the resident set between phases. */
    public void release() {
        classAndSize.release();
        recordOffsets.release();
        graph.release();
        ids.release();
        DumpBytes bytes;
        synchronized (this) {
            bytes = dumpBytes;
        }
        if (bytes != null) {
            bytes.release();
        }
    }

    @Override
    public void close() {
        try {
            graph.close();
            classAndSize.close();
            recordOffsets.close();
            ids.close();
            synchronized (this) {
                if (dumpBytes != null) {
                    dumpBytes.close();
                    dumpBytes = null;
                }
            }
        } finally {
            file.close();
            temp.close();
        }
    }
}
