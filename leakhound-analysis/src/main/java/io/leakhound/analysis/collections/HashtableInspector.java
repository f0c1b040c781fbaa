package io.leakhound.analysis.collections;

import java.util.List;

/**
 * {@code Hashtable}: {@code table} of entries chained by {@code next}, {@code count}. A JDK 9+
 * {@code Properties} keeps its entries in a {@code ConcurrentHashMap} field {@code map} and leaves the inherited
 * table empty: that map is read instead.
 */
final class HashtableInspector implements CollectionInspector {
    private static final String PROPERTIES = "java.util.Properties";

    @Override
    public List<String> classNames() {
        return List.of("java.util.Hashtable", PROPERTIES);
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (matched.equals(PROPERTIES)) {
            long inner = f.ref(node, "map");
            CollectionInfo map = inner >= 0 ? registry.inspect(inner) : null;
            if (map != null) {
                return map.toBuilder().wrappedBy(node, f.className(node)).recognizedClass(PROPERTIES).build();
            }
        }
        if (!f.has(node, "table")) {
            return null;
        }
        long table = f.ref(node, "table");
        long size = f.primitive(node, "count", 0);
        ChainedTable chains = new ChainedTable(f, table, "key", "value", size);
        return CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched)
                .size(size, false).capacity(chains.capacity()).arrays(table).elements(chains::walk).build();
    }
}
