package io.leakhound.analysis.collections;

import java.util.List;

/**
 * Maps stored as one array of alternating keys and values with open addressing: {@code IdentityHashMap}
 * ({@code table}, {@code size}; a null key is stored as the {@code NULL_KEY} sentinel object) and the JDK 9+
 * {@code Map.of} maps ({@code ImmutableCollections$MapN}; {@code $Map1} holds {@code k0}/{@code v0}).
 * Capacity is the number of key slots, half the array length.
 */
final class FlatTableMapInspector implements CollectionInspector {
    private static final String MAP1 = "java.util.ImmutableCollections$Map1";

    @Override
    public List<String> classNames() {
        return List.of("java.util.IdentityHashMap", "java.util.ImmutableCollections$MapN", MAP1);
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        String className = f.className(node);
        if (matched.equals(MAP1)) {
            long k = f.ref(node, "k0");
            long v = f.ref(node, "v0");
            return CollectionInfo.builder(node, className, CollectionKind.MAP, matched).size(1, false)
                    .elements((limit, visitor) -> {
                        Steps s = new Steps(1, limit, visitor);
                        s.visit(k, v);
                        return s.result();
                    }).build();
        }
        if (!f.has(node, "table")) {
            return null;
        }
        long table = f.ref(node, "table");
        int length = Math.max(0, f.arrayLength(table));
        long size = f.primitive(node, "size", 0);
        Elements walk = (limit, visitor) -> {
            Steps s = new Steps(length, limit, visitor);
            for (int i = 0; i + 1 < length; i += 2) {
                if (!s.step()) {
                    break;
                }
                long k = f.element(table, i);
                if (k >= 0 && !s.visit(k, f.element(table, i + 1))) {
                    break;
                }
            }
            return s.result();
        };
        return CollectionInfo.builder(node, className, CollectionKind.MAP, matched).size(size, false)
                .capacity(length / 2).arrays(table).elements(walk).build();
    }
}
