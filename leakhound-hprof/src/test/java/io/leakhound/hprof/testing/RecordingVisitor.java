package io.leakhound.hprof.testing;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.HprofVisitor;
import io.leakhound.hprof.RecordData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Records every visitor call of a scan as one line of text, so tests can compare whole scans exactly, plus
 * the warnings and the ids of the dumped objects in file order.
 */
public class RecordingVisitor implements HprofVisitor {
    private final boolean heapObjects;
    private final boolean metadata;
    public final List<String> events = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    /** Ids of class dumps, instances and arrays, in file order. */
    public final List<Long> objectIds = new ArrayList<>();
    /** Object ids of GC roots, in file order. */
    public final List<Long> rootIds = new ArrayList<>();

    public RecordingVisitor() {
        this(true, true);
    }

    public RecordingVisitor(boolean heapObjects, boolean metadata) {
        this.heapObjects = heapObjects;
        this.metadata = metadata;
    }

    @Override
    public boolean wantsHeapObjects() {
        return heapObjects;
    }

    @Override
    public boolean wantsMetadata() {
        return metadata;
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void utf8(long id, byte[] utf8) {
        events.add("utf8 " + hex(id) + " " + new String(utf8, StandardCharsets.UTF_8));
    }

    @Override
    public void loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
        events.add("loadClass #" + classSerial + " " + hex(classId) + " trace " + stackTraceSerial + " name "
                + hex(nameId));
    }

    @Override
    public void unloadClass(int classSerial) {
        events.add("unloadClass #" + classSerial);
    }

    @Override
    public void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial,
                           int line) {
        events.add("frame " + hex(frameId) + " " + hex(methodNameId) + " " + hex(signatureId) + " "
                + hex(sourceFileId) + " #" + classSerial + " line " + line);
    }

    @Override
    public void stackTrace(int serial, int threadSerial, long[] frameIds) {
        StringBuilder sb = new StringBuilder("trace #" + serial + " thread " + threadSerial + " [");
        for (int i = 0; i < frameIds.length; i++) {
            sb.append(i == 0 ? "" : " ").append(hex(frameIds[i]));
        }
        events.add(sb.append(']').toString());
    }

    @Override
    public void gcRoot(GcRootKind kind, long objectId, int threadSerial, int frameNumber) {
        rootIds.add(objectId);
        events.add("root " + kind.reportName() + " " + hex(objectId) + " thread " + threadSerial + " frame "
                + frameNumber);
    }

    @Override
    public void classDump(ClassDump d) {
        objectIds.add(d.classId());
        StringBuilder sb = new StringBuilder("class " + hex(d.classId()) + " super " + hex(d.superId())
                + " loader " + hex(d.loaderId()) + " size " + d.instanceSize() + " statics {");
        for (int i = 0; i < d.staticNameIds().length; i++) {
            sb.append(i == 0 ? "" : ", ").append(hex(d.staticNameIds()[i])).append(':')
                    .append(d.staticTypes()[i].javaName()).append('=').append(hex(d.staticValues()[i]));
        }
        sb.append("} fields {");
        for (int i = 0; i < d.fieldNameIds().length; i++) {
            sb.append(i == 0 ? "" : ", ").append(hex(d.fieldNameIds()[i])).append(':')
                    .append(d.fieldTypes()[i].javaName());
        }
        events.add(sb.append("} @").append(d.recordOffset()).toString());
    }

    @Override
    public void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
        objectIds.add(id);
        byte[] b = new byte[dataLength];
        data.copy(0, b, 0, dataLength);
        events.add("instance " + hex(id) + " class " + hex(classId) + " data " + HexFormat.of().formatHex(b)
                + " @" + recordOffset);
    }

    @Override
    public void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
        objectIds.add(id);
        long[] e = new long[length];
        for (int i = 0; i < length; i++) {
            e[i] = elements.nextId();
        }
        events.add("objectArray " + hex(id) + " class " + hex(arrayClassId) + " "
                + Arrays.stream(e).mapToObj(RecordingVisitor::hex).toList() + " @" + recordOffset);
    }

    @Override
    public void primitiveArray(long id, BasicType type, int length, long recordOffset) {
        objectIds.add(id);
        events.add("primitiveArray " + hex(id) + " " + type.javaName() + "[" + length + "] @" + recordOffset);
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
