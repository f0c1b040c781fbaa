package io.leakhound.analysis.collections;

import java.util.List;
import java.util.Map;

/**
 * Collections of singly or doubly linked nodes walked by {@code next} from their first node:
 * {@code LinkedList} ({@code first}, {@code size}), {@code LinkedBlockingQueue} (a dummy {@code head},
 * {@code AtomicInteger count}, {@code capacity}), {@code LinkedBlockingDeque} ({@code first}, {@code count},
 * {@code capacity}) and {@code ConcurrentLinkedQueue} ({@code head}, no count: nodes with an item are counted;
 * a node linked to itself has left the queue and ends the walk). Every walk checks for loops.
 */
final class LinkedNodesInspector implements CollectionInspector {
    /**
     * @param first field holding the first node
     * @param skipFirst whether that node is a dummy without an item
     * @param count the size field (int or AtomicInteger), null to count
     */
    private record Layout(CollectionKind kind, String first, boolean skipFirst, String count) {
    }

    private static final String LBQ = "java.util.concurrent.LinkedBlockingQueue";
    private static final String LBD = "java.util.concurrent.LinkedBlockingDeque";
    private static final Map<String, Layout> LAYOUTS = Map.of(
            "java.util.LinkedList", new Layout(CollectionKind.LIST, "first", false, "size"),
            LBQ, new Layout(CollectionKind.QUEUE, "head", true, "count"),
            LBD, new Layout(CollectionKind.QUEUE, "first", false, "count"),
            "java.util.concurrent.ConcurrentLinkedQueue", new Layout(CollectionKind.QUEUE, "head", false, null));

    @Override
    public List<String> classNames() {
        return List.copyOf(LAYOUTS.keySet());
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        Layout layout = LAYOUTS.get(matched);
        if (!f.has(node, layout.first())) {
            return null;
        }
        long head = f.ref(node, layout.first());
        long start = layout.skipFirst() && head >= 0 ? f.ref(head, "next") : head;
        long fieldSize = layout.count() == null ? -1 : f.number(node, layout.count(), -1);
        long bound = fieldSize >= 0 ? 2 * fieldSize : registry.index().objectCount();
        Elements walk = (limit, visitor) -> {
            FieldSlot item = f.slot("item");
            FieldSlot next = f.slot("next");
            Steps steps = new Steps(bound, limit, visitor);
            CycleGuard guard = new CycleGuard();
            for (long e = start; e >= 0; ) {
                if (guard.loops(e)) {
                    return new Walk(steps.result().visited(), Walk.End.CYCLE);
                }
                if (!steps.step()) {
                    break;
                }
                long x = item.node(e);
                // unlinked or removed nodes of the concurrent queues have a null item
                if ((x >= 0 || layout.count() != null) && !steps.visit(x, CollectionInfo.NONE)) {
                    break;
                }
                long n = next.node(e);
                e = n == e ? -1 : n;
            }
            return steps.result();
        };
        long size = fieldSize >= 0 ? fieldSize : walk.walk(Long.MAX_VALUE, (k, v) -> true).visited();
        CollectionInfo.Builder b = CollectionInfo.builder(node, f.className(node), layout.kind(), matched)
                .size(size, fieldSize < 0).elements(walk);
        if (matched.equals(LBQ) || matched.equals(LBD)) {
            long capacity = f.primitive(node, "capacity", Integer.MAX_VALUE);
            if (capacity < Integer.MAX_VALUE) {
                b.eviction(Eviction.BOUNDED, matched.substring(matched.lastIndexOf('.') + 1) + " of capacity "
                        + capacity + ": producers block when full", capacity);
            }
        }
        return b.build();
    }
}
