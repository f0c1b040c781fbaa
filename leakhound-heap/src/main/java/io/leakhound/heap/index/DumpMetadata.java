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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 1: everything but the object graph. Collects names, classes, stack traces, GC roots and the id of
 * every heap object (into a mapped array, in file order), plus a small sample of objects used to infer the
 * size model from address gaps.
 */
final class DumpMetadata implements HprofVisitor {
    static final int SAMPLE_LIMIT = 200_000;

    final Long2ObjectOpenHashMap<byte[]> utf8 = new Long2ObjectOpenHashMap<>();
    final Long2LongOpenHashMap classNameIds = new Long2LongOpenHashMap();
    final Int2LongOpenHashMap classIdBySerial = new Int2LongOpenHashMap();
    final Long2ObjectOpenHashMap<long[]> frames = new Long2ObjectOpenHashMap<>();
    final Int2ObjectOpenHashMap<long[]> traces = new Int2ObjectOpenHashMap<>();
    final Int2IntOpenHashMap traceByThreadSerial = new Int2IntOpenHashMap();
    final List<ClassDump> classDumps = new ArrayList<>();
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

    final BigLongArray ids;
    long count;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long lowBits;
    /** Whether ids came in strictly ascending (unsigned) order. */
    boolean ascending = true;
    private long lastId;
    /**
     * Whether instances and arrays came in strictly ascending id order after all class dumps, as HotSpot
     * writes them; then nodes can be numbered by address rank in one pass.
     */
    boolean objectsAscendingAfterClasses = true;
    private long lastObjectId;
    private boolean objectSeen;
    long instances;
    long objectArrays;
    long primitiveArrays;
    private final ProgressListener progress;

    DumpMetadata(TempSpace space, long maxObjects, ProgressListener progress) {
        this.ids = new BigLongArray(space, "ids", Math.max(1, maxObjects));
        this.progress = progress;
        traceByThreadSerial.defaultReturnValue(-1);
    }

    String string(long id) {
        byte[] b = utf8.get(id);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private void addId(long id) {
        if (count >= ids.length()) {
            throw new IllegalStateException("more objects than the dump size allows: corrupt dump");
        }
        if (count > 0 && Long.compareUnsigned(lastId, id) >= 0) {
            ascending = false;
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

    private void addObjectId(long id) {
        if (objectSeen && Long.compareUnsigned(lastObjectId, id) >= 0) {
            if (objectsAscendingAfterClasses && Boolean.getBoolean("leakhound.trace")) {
                System.err.printf("[trace] objects out of address order at object %d: 0x%x after 0x%x%n", count,
                        id, lastObjectId);
            }
            objectsAscendingAfterClasses = false;
        }
        objectSeen = true;
        lastObjectId = id;
        addId(id);
    }

    @Override
    public void classDump(ClassDump dump) {
        classDumps.add(dump);
        if (objectSeen) {
            objectsAscendingAfterClasses = false;
        }
        addId(dump.classId());
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        addObjectId(id);
        instances++;
        sample(id, classId, -1, null);
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
        addObjectId(id);
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
}
