package io.leakhound.heap.index;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Pass 3: writes each object's outbound references into its CSR slots, in record order: instance fields
 * (hierarchy order, {@code Reference.referent} excluded and kept aside as a weak edge), array elements, and
 * for class objects the reference statics, then super class, then loader. References to ids missing from
 * the dump are written as {@link #DANGLING} and removed afterwards.
 */
final class EdgePass implements HprofVisitor {
    static final int DANGLING = -1;

    private final IdIndex ids;
    private final ClassTable classes;
    private final EdgeOffsets offsets;
    private final BigIntArray targets;
    private final int idSize;
    private final ProgressListener progress;
    final LongArrayList weakSources = new LongArrayList();
    final LongArrayList weakTargets = new LongArrayList();
    long dangling;
    private long cachedClassId = Long.MIN_VALUE;
    private ClassInfo cachedClass;

    EdgePass(IdIndex ids, ClassTable classes, EdgeOffsets offsets, BigIntArray targets, int idSize,
             ProgressListener progress) {
        this.ids = ids;
        this.classes = classes;
        this.offsets = offsets;
        this.targets = targets;
        this.idSize = idSize;
        this.progress = progress;
    }

    @Override
    public boolean wantsMetadata() {
        return false;
    }

    private long put(long pos, long id) {
        long t = ids.indexOf(id);
        if (t < 0) {
            dangling++;
            targets.set(pos, DANGLING);
        } else {
            targets.set(pos, (int) t);
        }
        return pos + 1;
    }

    @Override
    public void classDump(ClassDump d) {
        long pos = offsets.get(ids.indexOf(d.classId()));
        for (int i = 0; i < d.staticTypes().length; i++) {
            if (d.staticTypes()[i] == BasicType.OBJECT && d.staticValues()[i] != 0) {
                pos = put(pos, d.staticValues()[i]);
            }
        }
        if (d.superId() != 0) {
            pos = put(pos, d.superId());
        }
        if (d.loaderId() != 0) {
            put(pos, d.loaderId());
        }
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        if (classId != cachedClassId) {
            int n = classes.numberOf(classId);
            cachedClass = n < 0 ? null : classes.get(n);
            cachedClassId = classId;
        }
        ClassInfo c = cachedClass;
        if (c == null) {
            return;
        }
        long idx = ids.indexOf(id);
        long pos = offsets.get(idx);
        for (int o : c.referenceOffsets) {
            if (o + idSize <= dataLength) {
                long v = data.idAt(o);
                if (v != 0) {
                    pos = put(pos, v);
                }
            }
        }
        int ro = c.referentOffset;
        if (ro >= 0 && ro + idSize <= dataLength) {
            long v = data.idAt(ro);
            long t = v == 0 ? -1 : ids.indexOf(v);
            if (t >= 0) {
                weakSources.add(idx);
                weakTargets.add(t);
            }
        }
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
        long pos = offsets.get(ids.indexOf(id));
        for (int i = 0; i < length; i++) {
            long v = elements.nextId();
            if (v != 0) {
                pos = put(pos, v);
            }
        }
    }

    @Override
    public void progress(long bytesDone, long bytesTotal) {
        progress.progress("references", bytesDone, bytesTotal);
    }
}
