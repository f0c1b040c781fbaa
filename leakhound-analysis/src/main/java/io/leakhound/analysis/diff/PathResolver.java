package io.leakhound.analysis.diff;

import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.GcRoots;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.hprof.BasicType;
import java.util.List;

/**
 * Finds, in another dump, the object a path leads to. Object ids change between dumps, so the path is
 * followed by names: from its last static field (declaring class and field name), or from a class-object or
 * unique root, then field by field and slot by slot, checking the class at every step. Fails (returns -1)
 * rather than guess.
 */
public final class PathResolver {
    private final HeapIndex index;
    private final ObjectReader reader;
    private final PathDescriber describer;

    public PathResolver(HeapIndex index) {
        this.index = index;
        this.reader = new ObjectReader(index);
        this.describer = new PathDescriber(index, false);
    }

    /** The node the path ends at in this heap, or -1. */
    public long resolve(List<PathStep> path) {
        if (path.isEmpty()) {
            return -1;
        }
        int start = -1;
        for (int i = path.size() - 1; i >= 0 && start < 0; i--) {
            if ("static-field".equals(path.get(i).kind())) {
                start = i;
            }
        }
        if (start >= 0) {
            PathStep s = path.get(start);
            for (ClassInfo c : index.classes().allByName(s.className())) {
                long node = follow(staticValue(c, s.field(), s.targetClass()), path, start + 1);
                if (node >= 0) {
                    return node;
                }
            }
            return -1;
        }
        return follow(root(path.get(0)), path, 1);
    }

    private long follow(long node, List<PathStep> path, int from) {
        for (int i = from; i < path.size() && node >= 0; i++) {
            node = step(node, path.get(i));
        }
        return node;
    }

    private long step(long from, PathStep s) {
        long next = switch (s.kind()) {
            case "static-field" -> {
                ClassInfo c = index.classForClassObject(from);
                yield c == null ? -1 : staticValue(c, s.field(), s.targetClass());
            }
            case "array-element" -> {
                long[] ids = s.index() == null ? new long[0] : reader.elements(from, (int) Math.min(Integer.MAX_VALUE,
                        s.index() + 1));
                yield s.index() != null && ids.length > s.index() ? index.nodeOf(ids[(int) (long) s.index()]) : -1;
            }
            case "field" -> {
                if (s.field() == null || index.classForClassObject(from) != null) {
                    yield -1;
                }
                ObjectReader.Instance inst = reader.instance(from);
                yield inst == null || !inst.has(s.field()) ? -1 : index.nodeOf(inst.id(s.field()));
            }
            default -> -1;
        };
        return next >= 0 && describer.className(next).equals(s.targetClass()) ? next : -1;
    }

    private long staticValue(ClassInfo c, String field, String targetClass) {
        String[] names = c.staticNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(field) && c.staticTypes()[i] == BasicType.OBJECT) {
                long node = index.nodeOf(c.staticValues()[i]);
                return node >= 0 && describer.className(node).equals(targetClass) ? node : -1;
            }
        }
        return -1;
    }

    /** The root object a root step names when it can be told apart from all others, else -1. */
    private long root(PathStep s) {
        if (!"root".equals(s.kind()) || s.className() == null) {
            return -1;
        }
        if (s.className().startsWith("class ")) {
            List<ClassInfo> classes = index.classes().allByName(s.className().substring(6));
            return classes.size() == 1 ? index.nodeOf(classes.get(0).classId()) : -1;
        }
        GcRoots roots = index.roots();
        long found = -1;
        for (int i = 0; i < roots.count(); i++) {
            long node = roots.node(i);
            if (node != found && roots.kind(i).reportName().equals(s.rootKind())
                    && describer.className(node).equals(s.className())) {
                if (found >= 0) {
                    return -1;  // several candidates: the path is not specific enough
                }
                found = node;
            }
        }
        return found;
    }
}
