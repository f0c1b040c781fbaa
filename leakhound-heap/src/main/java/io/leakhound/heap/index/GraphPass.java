package io.leakhound.heap.index;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;

/**
 * Pass 2: writes everything per node sequentially, nodes in order: first the class objects (from the class
 * dumps kept in memory: reference statics, then super class, then loader), then, scanning the file, every
 * instance and array in file order: class, shallow size, record offset, and the strong references appended to
 * the CSR edge array (instance fields in hierarchy order with {@code Reference.referent} kept aside as a weak
 * edge; array elements). References to ids missing from the dump are dropped and counted.
 */
final class GraphPass implements HprofVisitor {
    private final NodeIds ids;
    private final ClassTable classes;
    private final SizeModel sizes;
    private final BigLongArray classAndSize;
    private final BigLongArray recordOffsets;
    private final EdgeOffsets offsets;
    private final BigIntArray targets;
    private final int idSize;
    private final ProgressListener progress;
    final LongArrayList weakSources = new LongArrayList();
    final LongArrayList weakTargets = new LongArrayList();
    /** Next node to write. */
    long node;
    final long firstNode;
    private long record;
    long edges;
    long dangling;
    long layoutMismatches;
    long hugeObjects;
    /** Instances and shallow bytes per class number, of the nodes this pass wrote. */
    final long[] classInstances;
    final long[] classShallow;
    /** Direct-mapped cache of class id → class: most objects skip the hash lookup. */
    private final long[] cachedClassIds = DumpMetadata.newClassIdCache();
    private final ClassInfo[] cachedClasses = new ClassInfo[DumpMetadata.CLASS_ID_CACHE_SLOTS];

    /**
     * A pass over one range of the file whose first instance/array record is the {@code firstRecord}-th of the
     * file and becomes node {@code firstNode}; edges go to {@code targets} from index 0 (the caller appends
     * the ranges' edge arrays and shifts their offsets).
     */
    GraphPass(NodeIds ids, ClassTable classes, BigLongArray classAndSize, BigLongArray recordOffsets,
              EdgeOffsets offsets, BigIntArray targets, int idSize, ProgressListener progress, long firstRecord,
              long firstNode) {
        this.record = firstRecord;
        this.classInstances = new long[classes.size()];
        this.classShallow = new long[classes.size()];
        this.node = firstNode;
        this.firstNode = firstNode;
        this.ids = ids;
        this.classes = classes;
        this.sizes = classes.sizeModel();
        this.classAndSize = classAndSize;
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
        int slot = DumpMetadata.classIdSlot(classId);
        if (cachedClassIds[slot] != classId) {
            cachedClasses[slot] = classes.get(classes.numberOf(classId));
            cachedClassIds[slot] = classId;
        }
        return cachedClasses[slot];
    }

    BigIntArray targets() {
        return targets;
    }

    /** Starts the next node; returns its number. */
    private long begin(ClassInfo c, long bytes, long recordOffset) {
        long n = node++;
        classInstances[c.number()]++;
        classShallow[c.number()] += bytes;
        long units = bytes >>> 3;
        if (units > 0xFFFF_FFFFL) {
            units = 0xFFFF_FFFFL;
            hugeObjects++;
        }
        classAndSize.set(n, (units << 32) | Integer.toUnsignedLong(c.number()));
        recordOffsets.set(n, recordOffset);
        offsets.set(n, edges);
        return n;
    }

    /** Whether the next instance/array record is an object's last copy (always, unless ids repeat). */
    private boolean live() {
        return ids.nodeOfRecord(record++) >= 0;
    }

    private void edgeTo(long id) {
        long t = ids.nodeOf(id);
        if (t < 0) {
            dangling++;
        } else {
            targets.set(edges++, (int) t);
        }
    }

    /** Writes the class objects, nodes {@code 0..C-1}; call before scanning. */
    void writeClasses(List<ClassDump> dumps) {
        for (ClassDump d : dumps) {
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
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        if (!live()) {
            return;
        }
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
        if (!c.rootedClassObject && !c.placeholder) {
            edgeTo(classId);  // an instance keeps its class (and so its class loader) alive
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
        ClassInfo c = classFor(arrayClassId);
        begin(c, sizes.arraySize(length, sizes.referenceSize()), recordOffset);
        if (!c.rootedClassObject && !c.placeholder) {
            edgeTo(arrayClassId);
        }
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
        begin(classes.primitiveArrayClass(type), sizes.arraySize(length, type.sizeInDump(4)), recordOffset);
    }

    @Override
    public void progress(long bytesDone, long bytesTotal) {
        progress.progress("references", bytesDone, bytesTotal);
    }
}
