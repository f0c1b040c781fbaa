package io.leakhound.analysis.collections;

import java.util.List;

/**
 * {@code ConcurrentSkipListMap}: the base level is a linked list of nodes from {@code head.node}, walked by
 * {@code next}; the header and deleted nodes (null value, or JDK 8's marker nodes) are skipped. Value field
 * {@code val} (JDK 14+) or {@code value} (JDK 8). There is no reliable count field across versions, so the
 * size is counted.
 */
final class SkipListMapInspector implements CollectionInspector {
    @Override
    public List<String> classNames() {
        return List.of("java.util.concurrent.ConcurrentSkipListMap");
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!f.has(node, "head")) {
            return null;
        }
        long head = f.ref(node, "head");
        long base = head < 0 ? -1 : f.ref(head, "node");
        long bound = registry.index().objectCount();
        Elements walk = (limit, visitor) -> {
            FieldSlot key = f.slot("key");
            FieldSlot value = f.slot("val", "value");
            FieldSlot next = f.slot("next");
            Steps steps = new Steps(bound, limit, visitor);
            CycleGuard guard = new CycleGuard();
            for (long e = base; e >= 0; e = next.node(e)) {
                if (guard.loops(e)) {
                    return new Walk(steps.result().visited(), Walk.End.CYCLE);
                }
                if (!steps.step()) {
                    break;
                }
                long k = key.node(e);
                long v = value.node(e);
                // header (null key), deleted (null value) and JDK 8 markers (value == the node itself)
                if (k >= 0 && v >= 0 && v != e && !steps.visit(k, v)) {
                    break;
                }
            }
            return steps.result();
        };
        long size = walk.walk(Long.MAX_VALUE, (k, v) -> true).visited();
        return CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched).size(size, true)
                .elements(walk).build();
    }
}
