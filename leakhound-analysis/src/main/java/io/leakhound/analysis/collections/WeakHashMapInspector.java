package io.leakhound.analysis.collections;

import java.util.List;

/**
 * {@code WeakHashMap}: entries are weak references to their keys ({@code Reference.referent}), chained by
 * {@code next} in {@code table}; {@code size}. A key already collected walks as {@link CollectionInfo#NONE}
 * (a stale entry the map has not expunged yet). Values are strong and can keep their own keys alive.
 */
final class WeakHashMapInspector implements CollectionInspector {
    @Override
    public List<String> classNames() {
        return List.of("java.util.WeakHashMap");
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!f.has(node, "table")) {
            return null;
        }
        long table = f.ref(node, "table");
        long size = f.primitive(node, "size", 0);
        ChainedTable chains = new ChainedTable(f, table, "referent", "value", size);
        return CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched)
                .size(size, false).capacity(chains.capacity()).arrays(table).elements(chains::walk)
                .eviction(Eviction.WEAK_KEYS, "WeakHashMap: an entry goes once its key is only weakly reachable"
                        + " (a value that refers to its key keeps it)", -1)
                .build();
    }
}
