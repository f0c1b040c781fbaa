package io.leakhound.analysis.collections;

import java.util.List;
import java.util.Map;

/**
 * Collections whose elements are the first {@code size} slots of one array: {@code ArrayList},
 * {@code Vector}/{@code Stack} ({@code elementCount}), {@code CopyOnWriteArrayList} (the whole array),
 * {@code PriorityQueue}, {@code PriorityBlockingQueue}, {@code Arrays.asList} and the JDK 9+ {@code List.of}
 * and {@code Set.of} collections (the set's array is an open-addressed table with empty slots).
 */
final class ArrayListInspector implements CollectionInspector {
    /**
     * @param array the array field
     * @param size the size field, null when the size is the array's length
     * @param sparse whether empty slots may lie between elements (skip nulls)
     */
    private record Layout(CollectionKind kind, String array, String size, boolean sparse) {
    }

    private static final Map<String, Layout> LAYOUTS = Map.of(
            "java.util.ArrayList", new Layout(CollectionKind.LIST, "elementData", "size", false),
            "java.util.Vector", new Layout(CollectionKind.LIST, "elementData", "elementCount", false),
            "java.util.concurrent.CopyOnWriteArrayList", new Layout(CollectionKind.LIST, "array", null, false),
            "java.util.PriorityQueue", new Layout(CollectionKind.QUEUE, "queue", "size", false),
            "java.util.concurrent.PriorityBlockingQueue", new Layout(CollectionKind.QUEUE, "queue", "size", false),
            "java.util.Arrays$ArrayList", new Layout(CollectionKind.LIST, "a", null, false),
            "java.util.ImmutableCollections$ListN", new Layout(CollectionKind.LIST, "elements", null, false),
            "java.util.ImmutableCollections$SetN", new Layout(CollectionKind.SET, "elements", "size", true));

    @Override
    public List<String> classNames() {
        return List.copyOf(LAYOUTS.keySet());
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        Layout layout = LAYOUTS.get(matched);
        if (!f.has(node, layout.array())) {
            return null;
        }
        long array = f.ref(node, layout.array());
        int length = Math.max(0, f.arrayLength(array));
        long size = layout.size() == null ? length : f.primitive(node, layout.size(), 0);
        int used = layout.sparse() ? length : (int) Math.max(0, Math.min(size, length));
        Elements walk = (limit, visitor) -> {
            Steps s = new Steps(used, limit, visitor);
            for (int i = 0; i < used && s.step(); i++) {
                long e = f.element(array, i);
                if ((e >= 0 || !layout.sparse()) && !s.visit(e, CollectionInfo.NONE)) {
                    break;
                }
            }
            return s.result();
        };
        return CollectionInfo.builder(node, f.className(node), layout.kind(), matched).size(size, false)
                .capacity(length).arrays(array).elements(walk).build();
    }
}
