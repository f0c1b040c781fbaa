package io.leakhound.heap.index;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;

/**
 * Pass 2: per object (by dense index) its class, shallow size, record offset and number of non-null outbound
 * references, the latter as the counts the CSR offsets are built from.
 */
final class NodePass implements HprofVisitor {
    private final IdIndex ids;
    private final ClassTable classes;
    private final SizeModel sizes;
    private final BigIntArray classOf;
    private final BigIntArray sizeUnits;
    private final BigLongArray offsets;
    private final BigIntArray counts;
    private final int idSize;
    private final ProgressListener progress;
    private long cachedClassId = Long.MIN_VALUE;
    private ClassInfo cachedClass;
    long unknownClassObjects;
    long layoutMismatches;
    long hugeObjects;

    NodePass(IdIndex ids, ClassTable classes, BigIntArray classOf, BigIntArray sizeUnits, BigLongArray offsets,
             BigIntArray counts, int idSize, ProgressListener progress) {
        this.ids = ids;
        this.classes = classes;
        this.sizes = classes.sizeModel();
        this.classOf = classOf;
        this.sizeUnits = sizeUnits;
        this.offsets = offsets;
        this.counts = counts;
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

    private void store(long idx, ClassInfo c, long bytes, long recordOffset, int refs) {
        classOf.set(idx, c.number());
        long units = bytes >>> 3;
        if (units > 0xFFFF_FFFFL) {
            units = 0xFFFF_FFFFL;
            hugeObjects++;
        }
        sizeUnits.set(idx, (int) units);
        offsets.set(idx, recordOffset);
        counts.set(idx, refs);
    }

    @Override
    public void classDump(ClassDump d) {
        long idx = ids.indexOf(d.classId());
        ClassInfo c = classes.get(classes.numberOf(d.classId()));
        int refs = 0;
        for (int i = 0; i < d.staticTypes().length; i++) {
            if (d.staticTypes()[i] == BasicType.OBJECT && d.staticValues()[i] != 0) {
                refs++;
            }
        }
        refs += (d.superId() != 0 ? 1 : 0) + (d.loaderId() != 0 ? 1 : 0);
        store(idx, classes.javaLangClass(), classes.classObjectSize(c), d.recordOffset(), refs);
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        ClassInfo c = classFor(classId);
        if (c.dataLength != dataLength) {
            layoutMismatches++;
        }
        int refs = 0;
        int[] offs = c.referenceOffsets;
        for (int o : offs) {
            if (o + idSize <= dataLength && data.idAt(o) != 0) {
                refs++;
            }
        }
        store(ids.indexOf(id), c, c.instanceSize, recordOffset, refs);
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
        ClassInfo c = classFor(arrayClassId);
        int refs = 0;
        for (int i = 0; i < length; i++) {
            if (elements.nextId() != 0) {
                refs++;
            }
        }
        store(ids.indexOf(id), c, sizes.arraySize(length, sizes.referenceSize()), recordOffset, refs);
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, long recordOffset) {
        ClassInfo c = classes.primitiveArrayClass(type);
        store(ids.indexOf(id), c, sizes.arraySize(length, type.sizeInDump(4)), recordOffset, 0);
    }

    @Override
    public void progress(long bytesDone, long bytesTotal) {
        progress.progress("objects", bytesDone, bytesTotal);
    }
}
