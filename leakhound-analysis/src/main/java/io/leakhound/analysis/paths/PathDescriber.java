package io.leakhound.analysis.paths;

import io.leakhound.analysis.model.PathStep;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.GcRoots;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a path of nodes (root first) as {@link PathStep}s: the root's kind, thread and frame method, then
 * for each hop the holder's class and the field name, static field or array index, read back from the dump.
 * Thread names are heap strings, so they are shown only when values may be shown.
 */
public final class PathDescriber {
    private final HeapIndex index;
    private final ObjectReader reader;
    private final boolean showValues;

    public PathDescriber(HeapIndex index, boolean showValues) {
        this.index = index;
        this.reader = new ObjectReader(index);
        this.showValues = showValues;
    }

    public static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }

    /** Display name of a node's class; class objects read as {@code class Foo}. */
    public String className(long node) {
        ClassInfo forClass = index.classForClassObject(node);
        return forClass != null ? "class " + forClass.name() : index.classOf(node).name();
    }

    public List<PathStep> describe(long[] path) {
        List<PathStep> steps = new ArrayList<>();
        if (path.length == 0) {
            return steps;
        }
        steps.add(rootStep(path[0]));
        for (int i = 1; i < path.length; i++) {
            steps.add(hop(path[i - 1], path[i]));
        }
        return steps;
    }

    private PathStep rootStep(long node) {
        GcRoots roots = index.roots();
        int entry = roots.firstEntryOf(node);
        String kind = entry < 0 ? "unknown" : roots.kind(entry).reportName();
        String thread = null;
        String method = null;
        if (entry >= 0) {
            GcRootKind k = roots.kind(entry);
            int serial = roots.threadSerial(entry);
            if (k == GcRootKind.JAVA_FRAME || k == GcRootKind.JNI_LOCAL || k == GcRootKind.THREAD_BLOCK
                    || k == GcRootKind.NATIVE_STACK) {
                thread = threadLabel(serial);
                if (k == GcRootKind.JAVA_FRAME || k == GcRootKind.JNI_LOCAL) {
                    method = index.stacks().method(serial, roots.frameNumber(entry));
                }
            } else if (k == GcRootKind.THREAD_OBJECT) {
                thread = threadLabel(serial);
            }
        }
        return new PathStep("root", className(node), null, null, hex(index.idOf(node)), className(node), kind,
                thread, method);
    }

    private String threadLabel(int serial) {
        long threadId = index.stacks().threadObjectId(serial);
        if (threadId == 0) {
            return "thread #" + serial;
        }
        if (showValues) {
            long threadNode = index.nodeOf(threadId);
            String name = threadNode < 0 ? null : threadName(threadNode);
            if (name != null) {
                return name;
            }
        }
        return "thread #" + serial + " (" + hex(threadId) + ")";
    }

    private String threadName(long threadNode) {
        ObjectReader.Instance t = reader.instance(threadNode);
        if (t == null || !t.has("name")) {
            return null;
        }
        long nameNode = index.nodeOf(t.id("name"));
        return nameNode < 0 ? null : reader.string(nameNode);
    }

    /** Describes the reference from {@code from} to {@code to} (assumed to exist) as a step. */
    public PathStep reference(long from, long to) {
        return hop(from, to);
    }

    private PathStep hop(long from, long to) {
        long toId = index.idOf(to);
        String target = className(to);
        String id = hex(toId);
        ClassInfo forClass = index.classForClassObject(from);
        if (forClass != null) {
            String[] names = forClass.staticNames();
            BasicType[] types = forClass.staticTypes();
            long[] values = forClass.staticValues();
            for (int i = 0; i < names.length; i++) {
                if (types[i] == BasicType.OBJECT && values[i] == toId) {
                    return new PathStep("static-field", forClass.name(), names[i], null, id, target, null, null, null);
                }
            }
            if (forClass.superNumber() >= 0 && index.classes().get(forClass.superNumber()).classId() == toId) {
                return new PathStep("field", "class " + forClass.name(), "<super>", null, id, target, null, null, null);
            }
            return new PathStep("field", "class " + forClass.name(), "<classloader>", null, id, target, null, null,
                    null);
        }
        ClassInfo holder = index.classOf(from);
        if (holder.isObjectArray()) {
            long slot = reader.indexOfElement(from, toId);
            return new PathStep("array-element", holder.name(), null, slot, id, target, null, null, null);
        }
        ObjectReader.Instance inst = reader.instance(from);
        String field = inst == null ? null : inst.fieldHolding(toId);
        return new PathStep("field", holder.name(), field == null ? "?" : field, null, id, target, null, null, null);
    }
}
