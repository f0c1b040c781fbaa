package io.leakhound.analysis.collections;

import java.util.List;

/**
 * Caffeine caches (2.x and 3.x). The cache behind {@code Caffeine.newBuilder().build()} is a generated subclass
 * of {@code BoundedLocalCache} ({@code SSMS}, {@code SSLMSW}, ...) or an {@code UnboundedLocalCache}; the
 * {@code Cache} handed to users wraps it in a field {@code cache}. Entries live in the {@code data}
 * {@code ConcurrentHashMap}, whose values are Caffeine nodes: the walk reports each node's {@code value} (and
 * for weak or soft keys and values, the referent). A {@code maximum} field makes the cache bounded;
 * {@code expiresAfter*Nanos} or a variable {@code expiry} without one make it expiring.
 */
final class CaffeineInspector implements CollectionInspector {
    private static final String PACKAGE = "com.github.benmanes.caffeine.cache.";
    private static final String BOUNDED = PACKAGE + "BoundedLocalCache";
    private static final String UNBOUNDED = PACKAGE + "UnboundedLocalCache";

    @Override
    public List<String> classNames() {
        return List.of(BOUNDED, UNBOUNDED,
                BOUNDED + "$BoundedLocalManualCache", BOUNDED + "$BoundedLocalLoadingCache",
                BOUNDED + "$BoundedLocalAsyncCache", BOUNDED + "$BoundedLocalAsyncLoadingCache",
                UNBOUNDED + "$UnboundedLocalManualCache", UNBOUNDED + "$UnboundedLocalLoadingCache",
                UNBOUNDED + "$UnboundedLocalAsyncCache", UNBOUNDED + "$UnboundedLocalAsyncLoadingCache");
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!matched.equals(BOUNDED) && !matched.equals(UNBOUNDED)) {
            long cache = f.ref(node, "cache");
            CollectionInfo inner = cache >= 0 ? registry.inspect(cache) : null;
            return inner == null ? null : inner.toBuilder().wrappedBy(node, f.className(node)).build();
        }
        long dataNode = f.ref(node, "data");
        CollectionInfo data = dataNode >= 0 ? registry.inspect(dataNode) : null;
        if (data == null) {
            return null;
        }
        CollectionInfo.Builder info = CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched)
                .size(data.size(), data.sizeCounted()).capacity(data.capacity()).arrays(data.backingArrays());
        if (matched.equals(BOUNDED)) {
            info.elements((limit, visitor) -> data.forEach(limit,
                    (k, v) -> visitor.visit(References.unwrap(f, k), References.unwrap(f, f.ref(v, "value")))));
            eviction(f, node, info);
        } else {
            info.elements(data::forEach);
        }
        return info.build();
    }

    private static void eviction(HeapFields f, long node, CollectionInfo.Builder info) {
        long maximum = f.primitive(node, "maximum", -1);
        boolean weighted = f.primitive(node, "isWeighted", 0) != 0;
        if (maximum >= 0) {
            String unit = weighted ? "weight" : "size";
            info.eviction(Eviction.BOUNDED, "Caffeine cache with maximum " + unit + " " + maximum
                    + " (weighted size now " + f.primitive(node, "weightedSize", -1) + ")", maximum);
        } else if (f.has(node, "expiresAfterAccessNanos") || f.has(node, "expiresAfterWriteNanos")
                || f.ref(node, "expiry") >= 0) {
            info.eviction(Eviction.EXPIRING, "Caffeine cache with expiry and no maximum size", -1);
        } else {
            info.eviction(Eviction.NONE, "Caffeine cache without maximum size or expiry", -1);
        }
    }
}
