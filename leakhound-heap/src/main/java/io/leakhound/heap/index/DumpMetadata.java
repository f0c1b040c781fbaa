package io.leakhound.heap.index;

import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 1: everything but the object graph. Collects names, classes (each class object once, in order of
 * appearance), stack traces, GC roots, the id of every instance and array (into a mapped array, in file
 * order) with the ascending runs those ids form, and a small sample of objects for size-model inference.
 */
final class DumpMetadata implements HprofVisitor {
    /**
     * Objects sampled for the size model: nearly every one tells the two 64-bit models apart, so tens of
     * thousands decide beyond doubt (200,000 took 0.1 s on a 0.5 GB dump, most of it before the JIT caught up).
     */
    static final int SAMPLE_LIMIT = 50_000;
    /** Beyond this many ascending runs, ids are treated as unordered. */
    static final int MAX_RUNS = 1024;

    final Long2ObjectOpenHashMap<byte[]> utf8 = new Long2ObjectOpenHashMap<>();
    final Long2LongOpenHashMap classNameIds = new Long2LongOpenHashMap();
    final Int2LongOpenHashMap classIdBySerial = new Int2LongOpenHashMap();
    final Long2ObjectOpenHashMap<long[]> frames = new Long2ObjectOpenHashMap<>();
    final Int2ObjectOpenHashMap<long[]> traces = new Int2ObjectOpenHashMap<>();
    final Int2IntOpenHashMap traceByThreadSerial = new Int2IntOpenHashMap();
    /** Distinct class dumps in order of first appearance; class object i is node i. */
    final List<ClassDump> classDumps = new ArrayList<>();
    private final LongOpenHashSet classIds = new LongOpenHashSet();
    long duplicateClassDumps;
    final LongArrayList rootIds = new LongArrayList();
    final IntArrayList rootKinds = new IntArrayList();
    final IntArrayList rootThreads = new IntArrayList();
    final IntArrayList rootFrames = new IntArrayList();
    final Int2LongOpenHashMap threadObjectBySerial = new Int2LongOpenHashMap();
    final List<String> warnings = new ArrayList<>();

    /** Sample for size-model inference: id, class id (0 for primitive arrays), array length or -1. */
    final LongArrayList sampleIds = new LongArrayList();
    final LongArrayList sampleClassIds = new LongArrayList();
    final IntArrayList sampleLengths = new IntArrayList();
    final IntArrayList samplePrimitiveTypes = new IntArrayList();

    /** Ids of instances and arrays (not class objects) this scan found, in file order. */
    private final BigLongArray ids;
    /**
     * All ids in file order, {@link #count} of them: this scan's array, then those of the ranges appended (not
     * copied: {@link #id(long)} finds the array), starting at {@link #idStarts}.
     */
    private final List<BigLongArray> idArrays = new ArrayList<>();
    private final LongArrayList idStarts = new LongArrayList();
    long count;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long lowBits;
    /** Maximal ascending runs of {@link #ids}: first record index, first id, last id of each. */
    final LongArrayList runFirstRecord = new LongArrayList();
    final LongArrayList runFirstId = new LongArrayList();
    final LongArrayList runLastId = new LongArrayList();
    boolean tooManyRuns;
    long instances;
    long objectArrays;
    long primitiveArrays;
    private long lastId;
    /** Class ids that instances and object arrays name, to give undefined ones placeholder classes. */
    final LongOpenHashSet usedClassIds = new LongOpenHashSet();
    /** Direct-mapped filter of class ids already in {@link #usedClassIds}: most objects skip the hash set. */
    private final long[] recentClassIds = newClassIdCache();
    private final ProgressListener progress;

    DumpMetadata(TempSpace space, long maxObjects, ProgressListener progress) {
        this.ids = new BigLongArray(space, "ids", Math.max(1, maxObjects));
        idArrays.add(ids);
        idStarts.add(0);
        this.progress = progress;
        traceByThreadSerial.defaultReturnValue(-1);
    }

    /**
     * Appends what a scan of the next file range collected, as if this scan had gone on through it; takes over
     * {@code next}'s id arrays.
     */
    void append(DumpMetadata next) {
        utf8.putAll(next.utf8);
        classNameIds.putAll(next.classNameIds);
        classIdBySerial.putAll(next.classIdBySerial);
        frames.putAll(next.frames);
        traces.putAll(next.traces);
        for (var e : next.traceByThreadSerial.int2IntEntrySet()) {
            traceByThreadSerial.put(e.getIntKey(), e.getIntValue());
        }
        for (ClassDump d : next.classDumps) {
            classDump(d);
        }
        duplicateClassDumps += next.duplicateClassDumps;
        rootIds.addAll(next.rootIds);
        rootKinds.addAll(next.rootKinds);
        rootThreads.addAll(next.rootThreads);
        rootFrames.addAll(next.rootFrames);
        threadObjectBySerial.putAll(next.threadObjectBySerial);
        warnings.addAll(next.warnings);
        for (int i = 0; i < next.sampleIds.size() && sampleIds.size() < SAMPLE_LIMIT; i++) {
            sampleIds.add(next.sampleIds.getLong(i));
            sampleClassIds.add(next.sampleClassIds.getLong(i));
            sampleLengths.add(next.sampleLengths.getInt(i));
            samplePrimitiveTypes.add(next.samplePrimitiveTypes.getInt(i));
        }
        usedClassIds.addAll(next.usedClassIds);
        long base = count;
        for (int r = 0; r < next.runFirstRecord.size(); r++) {
            long firstId = next.runFirstId.getLong(r);
            boolean continues = r == 0 && count > 0 && !tooManyRuns && Long.compareUnsigned(lastId, firstId) < 0;
            if (continues) {
                runLastId.set(runLastId.size() - 1, next.runLastId.getLong(r));
            } else if (runFirstRecord.size() < MAX_RUNS) {
                runFirstRecord.add(base + next.runFirstRecord.getLong(r));
                runFirstId.add(firstId);
                runLastId.add(next.runLastId.getLong(r));
            } else {
                tooManyRuns = true;
            }
        }
        tooManyRuns |= next.tooManyRuns;
        for (int a = 0; a < next.idArrays.size(); a++) {
            idArrays.add(next.idArrays.get(a));
            idStarts.add(count + next.idStarts.getLong(a));
        }
        next.idArrays.clear();
        count += next.count;
        if (next.count > 0) {
            lastId = next.lastId;
            min = Math.min(min, next.min);
            max = Math.max(max, next.max);
        }
        lowBits |= next.lowBits;
        instances += next.instances;
        objectArrays += next.objectArrays;
        primitiveArrays += next.primitiveArrays;
    }

    /** The {@code k}-th id in file order. */
    long id(long k) {
        int a = idArrays.size() - 1;
        while (idStarts.getLong(a) > k) {
            a--;
        }
        return idArrays.get(a).get(k - idStarts.getLong(a));
    }

    /** Number of arrays the ids are in. */
    int idArrayCount() {
        return idArrays.size();
    }

    /** The {@code a}-th array of ids, in file order after those of the arrays before it. */
    BigLongArray idArray(int a) {
        return idArrays.get(a);
    }

    /** Number of ids in the {@code a}-th array. */
    long idArrayLength(int a) {
        long end = a + 1 < idArrays.size() ? idStarts.getLong(a + 1) : count;
        return end - idStarts.getLong(a);
    }

    /**
     * All ids in one array, in file order: this scan's array when it holds them all; else a new one they are
     * copied into (the arrays of the ranges appended are closed).
     */
    BigLongArray idsInOneArray(TempSpace space) {
        if (idArrays.size() == 1) {
            return ids;
        }
        BigLongArray all = BigLongArray.undefined(space, "ids-all", Math.max(1, count));
        for (long k = 0; k < count; k++) {
            all.set(k, id(k));
        }
        closeIds();
        idArrays.add(all);
        idStarts.add(0);
        return all;
    }

    /** Closes the arrays of ids. */
    void closeIds() {
        idArrays.forEach(BigLongArray::close);
        idArrays.clear();
        idStarts.clear();
    }

    String string(long id) {
        byte[] b = utf8.get(id);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private void addObjectId(long id) {
        if (count >= ids.length()) {
            throw new IllegalStateException("more objects than the dump size allows: corrupt dump");
        }
        if (count == 0 || Long.compareUnsigned(lastId, id) >= 0) {
            if (runFirstRecord.size() < MAX_RUNS) {
                runFirstRecord.add(count);
                runFirstId.add(id);
                runLastId.add(id);
            } else {
                tooManyRuns = true;
            }
        } else if (!tooManyRuns) {
            runLastId.set(runLastId.size() - 1, id);
        }
        lastId = id;
        ids.set(count++, id);
        if (id < min) {
            min = id;
        }
        if (id > max) {
            max = id;
        }
        lowBits |= id;
    }

    private void useClass(long classId) {
        int slot = classIdSlot(classId);
        if (recentClassIds[slot] != classId) {
            usedClassIds.add(classId);
            recentClassIds[slot] = classId;
        }
    }

    private void sample(long id, long classId, int length, BasicType type) {
        if (sampleIds.size() < SAMPLE_LIMIT) {
            sampleIds.add(id);
            sampleClassIds.add(classId);
            sampleLengths.add(length);
            samplePrimitiveTypes.add(type == null ? 0 : type.tag());
        }
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void utf8(long id, byte[] bytes) {
        utf8.put(id, bytes);
    }

    @Override
    public void loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
        classNameIds.put(classId, nameId);
        classIdBySerial.put(classSerial, classId);
    }

    @Override
    public void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial,
                           int line) {
        frames.put(frameId, new long[] {methodNameId, signatureId, sourceFileId, classSerial, line});
    }

    @Override
    public void stackTrace(int serial, int threadSerial, long[] frameIds) {
        traces.put(serial, frameIds);
        if (threadSerial != 0) {
            traceByThreadSerial.put(threadSerial, serial);
        }
    }

    @Override
    public void gcRoot(GcRootKind kind, long objectId, int threadSerial, int frameNumber) {
        if (objectId == 0) {
            return;
        }
        rootIds.add(objectId);
        rootKinds.add(kind.ordinal());
        rootThreads.add(threadSerial);
        rootFrames.add(frameNumber);
        if (kind == GcRootKind.THREAD_OBJECT) {
            threadObjectBySerial.put(threadSerial, objectId);
            if (!traceByThreadSerial.containsKey(threadSerial)) {
                traceByThreadSerial.put(threadSerial, frameNumber);
            }
        }
    }

    @Override
    public void classDump(ClassDump dump) {
        if (classIds.add(dump.classId())) {
            classDumps.add(dump);
        } else {
            duplicateClassDumps++;
        }
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        addObjectId(id);
        useClass(classId);
        instances++;
        sample(id, classId, -1, null);
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
        addObjectId(id);
        useClass(arrayClassId);
        objectArrays++;
        sample(id, arrayClassId, length, null);
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, long recordOffset) {
        addObjectId(id);
        primitiveArrays++;
        sample(id, 0, length, type);
    }

    @Override
    public void progress(long bytesDone, long bytesTotal) {
        progress.progress("scan", bytesDone, bytesTotal);
    }

    /** Slots in the direct-mapped class-id caches of the scans. */
    static final int CLASS_ID_CACHE_SLOTS = 4096;

    static long[] newClassIdCache() {
        long[] ids = new long[CLASS_ID_CACHE_SLOTS];
        java.util.Arrays.fill(ids, Long.MIN_VALUE);  // never a class id: ids are addresses or small positives
        return ids;
    }

    /** Cache slot of a class id: ids are aligned addresses, so the low bits are dropped and the rest mixed. */
    static int classIdSlot(long classId) {
        long h = classId * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 52);
    }
}
