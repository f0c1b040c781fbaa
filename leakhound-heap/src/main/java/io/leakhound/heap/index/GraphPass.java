package io.leakhound.heap.index;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Pass 2: visits the objects in the same file order as pass 1, so the n-th object is node n, and writes
 * everything per node sequentially: class, shallow size, record offset, and the strong references appended
 * to the CSR edge array (instance fields in hierarchy order with {@code Reference.referent} kept aside as a
 * weak edge; array elements; for class objects the reference statics, then super class, then loader).
 * References to ids missing from the dump are dropped and counted.
 */
final class GraphPass implements HprofVisitor {
    private final NodeIds ids;
    private final BigIntArray nodeByRecord;
    private long record;
    /**
     * Nodes numbered by address rank: class dumps (all first in the file) wait in {@link #pendingClasses},
     * sorted by rank, and are written when the object scan reaches their rank.
     */
    private final boolean addressOrder;
    private final java.util.ArrayList<ClassDump> pendingClasses = new java.util.ArrayList<>();
    private long[] pendingRanks;
    private int pendingNext;
    private final ClassTable classes;
    private final SizeModel sizes;
    private final BigIntArray classOf;
    private final BigIntArray sizeUnits;
    private final BigLongArray recordOffsets;
    private final EdgeOffsets offsets;
    private final BigIntArray targets;
    private final int idSize;
    private final ProgressListener progress;
    final LongArrayList weakSources = new LongArrayList();
    final LongArrayList weakTargets = new LongArrayList();
    long node;
    long edges;
    long dangling;
    long unknownClassObjects;
    long layoutMismatches;
    long hugeObjects;
    private long cachedClassId = Long.MIN_VALUE;
    private ClassInfo cachedClass;

    GraphPass(NodeIds ids, BigIntArray nodeByRecord, ClassTable classes, BigIntArray classOf, BigIntArray sizeUnits, BigLongArray recordOffsets,
              EdgeOffsets offsets, BigIntArray targets, int idSize, boolean addressOrder, ProgressListener progress) {
        this.ids = ids;
        this.nodeByRecord = nodeByRecord;
        this.addressOrder = addressOrder;
        this.classes = classes;
        this.sizes = classes.sizeModel();
        this.classOf = classOf;
        this.sizeUnits = sizeUnits;
        this.recordOffsets = recordOffsets;
        this.offsets = offsets;
        this.targets = targets;
        this.idSize = idSize;
        this.progress = progress;
    }

    @Override
    public boolean wantsMetadata() {
        return false;
    }

    private ClassInfo classFor(long classId) {
        if (classId != cachedClassId) {
            int n = classes.numberOf(classId);
            ClassInfo c;
            if (n < 0) {
                c = classes.synthesize(classId);
                unknownClassObjects++;
            } else {
                c = classes.get(n);
            }
            cachedClassId = classId;
            cachedClass = c;
        }
        return cachedClass;
    }

    /** Whether the next record is an object's last copy (always, unless the dump repeats ids). */
    private boolean live() {
        long r = record++;
        return nodeByRecord == null || nodeByRecord.get(r) >= 0;
    }

    /** Starts the next node; returns its number. */
    private long begin(ClassInfo c, long bytes, long recordOffset) {
        long n = node++;
        classOf.set(n, c.number());
        long units = bytes >>> 3;
        if (units > 0xFFFF_FFFFL) {
            units = 0xFFFF_FFFFL;
            hugeObjects++;
        }
        sizeUnits.set(n, (int) units);
        recordOffsets.set(n, recordOffset);
        offsets.set(n, edges);
        return n;
    }

    private void edgeTo(long id) {
        long t = ids.nodeOf(id);
        if (t < 0) {
            dangling++;
        } else {
            targets.set(edges++, (int) t);
        }
    }

    /** Closes the edge list: offsets[nodes] = edge count. */
    void finish() {
        flushPendingClasses();
        offsets.set(node, edges);
    }

    /** In address order, writes the waiting class objects whose rank is the next node number. */
    private void flushPendingClasses() {
        if (!addressOrder || pendingClasses.isEmpty()) {
            return;
        }
        if (pendingRanks == null) {
            pendingClasses.sort(java.util.Comparator.comparingLong(cd -> ids.nodeOf(cd.classId())));
            pendingRanks = new long[pendingClasses.size()];
            for (int i = 0; i < pendingRanks.length; i++) {
                pendingRanks[i] = ids.nodeOf(pendingClasses.get(i).classId());
            }
        }
        while (pendingNext < pendingRanks.length && pendingRanks[pendingNext] == node) {
            writeClass(pendingClasses.get(pendingNext++));
        }
    }

    @Override
    public void classDump(ClassDump d) {
        if (addressOrder) {
            pendingClasses.add(d);
            return;
        }
        if (!live()) {
            return;
        }
        writeClass(d);
    }

    private void writeClass(ClassDump d) {
        ClassInfo c = classes.get(classes.numberOf(d.classId()));
        begin(classes.javaLangClass(), classes.classObjectSize(c), d.recordOffset());
        for (int i = 0; i < d.staticTypes().length; i++) {
            if (d.staticTypes()[i] == BasicType.OBJECT && d.staticValues()[i] != 0) {
                edgeTo(d.staticValues()[i]);
            }
        }
        if (d.superId() != 0) {
            edgeTo(d.superId());
        }
        if (d.loaderId() != 0) {
            edgeTo(d.loaderId());
        }
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        if (!live()) {
            return;
        }
        flushPendingClasses();
        ClassInfo c = classFor(classId);
        if (c.dataLength != dataLength && !c.placeholder) {
            layoutMismatches++;
        }
        long n = begin(c, c.instanceSize, recordOffset);
        for (int o : c.referenceOffsets) {
            if (o + idSize <= dataLength) {
                long v = data.idAt(o);
                if (v != 0) {
                    edgeTo(v);
                }
            }
        }
        int ro = c.referentOffset;
        if (ro >= 0 && ro + idSize <= dataLength) {
            long v = data.idAt(ro);
            long t = v == 0 ? -1 : ids.nodeOf(v);
            if (t >= 0) {
                weakSources.add(n);
                weakTargets.add(t);
            }
        }
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
        if (!live()) {
            return;
        }
        flushPendingClasses();
        ClassInfo c = classFor(arrayClassId);
        begin(c, sizes.arraySize(length, sizes.referenceSize()), recordOffset);
        for (int i = 0; i < length; i++) {
            long v = elements.nextId();
            if (v != 0) {
                edgeTo(v);
            }
        }
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, long recordOffset) {
        if (!live()) {
            return;
        }
        flushPendingClasses();
        begin(classes.primitiveArrayClass(type), sizes.arraySize(length, type.sizeInDump(4)), recordOffset);
    }

    @Override
    public void progress(long bytesDone, long bytesTotal) {
        progress.progress("references", bytesDone, bytesTotal);
    }
}
