package io.leakhound.analysis.collections;

import java.util.List;

/**
 * {@code HashMap} and {@code LinkedHashMap} (and their subclasses): {@code table} of nodes chained by
 * {@code next}, {@code size}. Elements are walked in table order, which stays complete even when a
 * {@code LinkedHashMap}'s linked list is corrupt ({@link LinkedHashMapLinks} walks the list). A non-JDK
 * subclass of {@code LinkedHashMap} may override {@code removeEldestEntry}, which the dump cannot show: it is
 * reported as possibly bounded.
 */
final class HashMapInspector implements CollectionInspector {
    static final String HASH_MAP = "java.util.HashMap";
    static final String LINKED_HASH_MAP = "java.util.LinkedHashMap";

    @Override
    public List<String> classNames() {
        return List.of(HASH_MAP, LINKED_HASH_MAP);
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!f.has(node, "table")) {
            return null;
        }
        long table = f.ref(node, "table");
        long size = f.primitive(node, "size", 0);
        ChainedTable chains = new ChainedTable(f, table, "key", "value", size);
        String className = f.className(node);
        CollectionInfo.Builder b = CollectionInfo.builder(node, className, CollectionKind.MAP, matched)
                .size(size, false).capacity(chains.capacity()).arrays(table).elements(chains::walk);
        if (matched.equals(LINKED_HASH_MAP)) {
            boolean accessOrder = f.primitive(node, "accessOrder", 0) != 0;
            b.accessOrder(accessOrder);
            String order = accessOrder ? "access-order (LRU) " : "";
            if (!JdkClasses.isJdk(className)) {
                b.eviction(Eviction.POSSIBLY_BOUNDED, order + "LinkedHashMap subclass " + className
                        + " may override removeEldestEntry (a heap dump holds no methods)", -1);
            } else if (accessOrder) {
                b.eviction(Eviction.NONE, "access-order (LRU) LinkedHashMap without a subclass: nothing evicts", -1);
            }
        }
        return b.build();
    }
}
