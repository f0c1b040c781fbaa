package io.leakhound.heap.index;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.nio.charset.StandardCharsets;

/**
 * Threads and their stack traces as the dump records them, to describe java-frame and thread roots:
 * which thread object a thread serial is, and which method a frame number of its stack is.
 */
public final class StackTraces {
    private final Long2ObjectOpenHashMap<byte[]> utf8;
    private final Long2LongOpenHashMap classNameIds;
    private final Int2LongOpenHashMap classIdBySerial;
    private final Long2ObjectOpenHashMap<long[]> frames;
    private final Int2ObjectOpenHashMap<long[]> traces;
    private final Int2IntOpenHashMap traceByThreadSerial;
    private final Int2LongOpenHashMap threadObjectBySerial;

    StackTraces(DumpMetadata meta) {
        this.utf8 = meta.utf8;
        this.classNameIds = meta.classNameIds;
        this.classIdBySerial = meta.classIdBySerial;
        this.frames = meta.frames;
        this.traces = meta.traces;
        this.traceByThreadSerial = meta.traceByThreadSerial;
        this.threadObjectBySerial = meta.threadObjectBySerial;
    }

    /** Id of the {@code java.lang.Thread} object with this serial, or 0. */
    public long threadObjectId(int threadSerial) {
        return threadObjectBySerial.getOrDefault(threadSerial, 0L);
    }

    /**
     * The method at a frame of a thread's stack, as {@code com.example.Foo.bar(Foo.java:42)}, or null when the
     * dump does not say.
     */
    public String method(int threadSerial, int frameNumber) {
        int trace = traceByThreadSerial.get(threadSerial);
        long[] ids = trace < 0 ? null : traces.get(trace);
        if (ids == null || frameNumber < 0 || frameNumber >= ids.length) {
            return null;
        }
        long[] f = frames.get(ids[frameNumber]);
        if (f == null) {
            return null;
        }
        String method = string(f[0]);
        String source = string(f[2]);
        long classId = classIdBySerial.getOrDefault((int) f[3], 0L);
        String cls = classNameIds.containsKey(classId) ? string(classNameIds.get(classId)) : null;
        StringBuilder sb = new StringBuilder();
        if (cls != null) {
            sb.append(ClassNames.toSourceForm(cls)).append('.');
        }
        sb.append(method == null ? "?" : method);
        int line = (int) f[4];
        if (source != null) {
            sb.append('(').append(source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private String string(long id) {
        byte[] b = utf8.get(id);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
