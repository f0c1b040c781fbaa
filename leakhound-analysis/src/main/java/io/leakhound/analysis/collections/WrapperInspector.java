package io.leakhound.analysis.collections;

import java.util.List;
import java.util.Map;

/**
 * Views that only wrap another collection: {@code Collections.synchronized*}, {@code unmodifiable*} and
 * {@code checked*} ({@code m} for maps, {@code c} for collections; their subclasses for lists, sets and sorted
 * variants inherit the field) and {@code DelayQueue} ({@code q}, a {@code PriorityQueue}). The info is the
 * wrapped collection's, re-rooted at the wrapper, with the wrapper listed in {@link CollectionInfo#wrappers()}.
 */
final class WrapperInspector implements CollectionInspector {
    private static final Map<String, String> FIELD = Map.of(
            "java.util.Collections$SynchronizedMap", "m",
            "java.util.Collections$UnmodifiableMap", "m",
            "java.util.Collections$CheckedMap", "m",
            "java.util.Collections$SynchronizedCollection", "c",
            "java.util.Collections$UnmodifiableCollection", "c",
            "java.util.Collections$CheckedCollection", "c",
            "java.util.concurrent.DelayQueue", "q");

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
        return inner.toBuilder().wrappedBy(node, f.className(node)).build();
    }
}
