package io.leakhound.analysis.collections;

import java.util.List;
import java.util.Map;

/**
 * Sets that keep their elements in another collection: {@code HashSet}/{@code LinkedHashSet} ({@code map}),
 * {@code TreeSet} and {@code ConcurrentSkipListSet} ({@code m}), {@code Collections.newSetFromMap} ({@code m}),
 * {@code ConcurrentHashMap.newKeySet()} ({@code map}), {@code CopyOnWriteArraySet} ({@code al}). Size,
 * capacity and arrays are the inner collection's; elements are the inner map's keys.
 */
final class MapBackedSetInspector implements CollectionInspector {
    private static final Map<String, String> FIELD = Map.of(
            "java.util.HashSet", "map",
            "java.util.TreeSet", "m",
            "java.util.concurrent.ConcurrentSkipListSet", "m",
            "java.util.Collections$SetFromMap", "m",
            "java.util.concurrent.ConcurrentHashMap$KeySetView", "map",
            "java.util.concurrent.CopyOnWriteArraySet", "al");

    @Override
    public List<String> classNames() {
        return List.copyOf(FIELD.keySet());
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        long innerNode = f.ref(node, FIELD.get(matched));
        CollectionInfo inner = innerNode >= 0 ? registry.inspect(innerNode) : null;
        if (inner == null) {
            return null;
        }
        CollectionInfo.Builder b = inner.toBuilder().asSetOver(node, f.className(node), matched);
        if (inner.kind() == CollectionKind.MAP) {
            b.elements((limit, visitor) -> inner.forEach(limit, (k, v) -> visitor.visit(k, CollectionInfo.NONE)));
        }
        return b.build();
    }
}
