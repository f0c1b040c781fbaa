package io.leakhound.analysis.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Guava caches: {@code LocalCache} (behind {@code CacheBuilder}; the user's {@code Cache} wraps it in
 * {@code LocalManualCache.localCache}). Entries are in {@code segments}, each with a {@code count} and a
 * {@code table} ({@code AtomicReferenceArray.array}) of entries chained by {@code next}; keys are {@code key},
 * or the referent of a weak entry; values sit in a value reference's {@code referent}. {@code maxWeight}
 * {@code >= 0} makes it bounded (-1 is unset), a positive {@code expireAfter*Nanos} expiring.
 */
final class GuavaCacheInspector implements CollectionInspector {
    private static final String LOCAL_CACHE = "com.google.common.cache.LocalCache";

    @Override
    public List<String> classNames() {
        return List.of(LOCAL_CACHE, LOCAL_CACHE + "$LocalManualCache");
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!matched.equals(LOCAL_CACHE)) {
            long cache = f.ref(node, "localCache");
            CollectionInfo inner = cache >= 0 ? registry.inspect(cache) : null;
            return inner == null ? null : inner.toBuilder().wrappedBy(node, f.className(node)).build();
        }
        if (!f.has(node, "segments")) {
            return null;
        }
        long segments = f.ref(node, "segments");
        List<Long> tables = new ArrayList<>();
        long size = 0;
        for (int i = 0, n = f.arrayLength(segments); i < n; i++) {
            long segment = f.element(segments, i);
            if (segment < 0) {
                continue;
            }
            size += f.primitive(segment, "count", 0);
            long atomicArray = f.ref(segment, "table");
            long array = atomicArray < 0 ? -1 : f.ref(atomicArray, "array");
            if (array >= 0) {
                tables.add(array);
            }
        }
        long[] arrays = tables.stream().mapToLong(Long::longValue).toArray();
        LongUnaryOperator valueOf = reference -> reference < 0 || !f.has(reference, "referent") ? reference
                : f.ref(reference, "referent");
        ChainedTable chains = new ChainedTable(f, arrays, new String[] {"key", "referent"}, "valueReference",
                valueOf, size);
        CollectionInfo.Builder b = CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched)
                .size(size, false).capacity(chains.capacity()).arrays(arrays).elements(chains::walk);
        long maxWeight = f.primitive(node, "maxWeight", -1);
        boolean weighted = f.ref(node, "weigher") >= 0
                && !f.className(f.ref(node, "weigher")).endsWith("$OneWeigher");
        if (maxWeight >= 0) {
            b.eviction(Eviction.BOUNDED, "Guava cache with maximum " + (weighted ? "weight " : "size ") + maxWeight,
                    maxWeight);
        } else if (f.primitive(node, "expireAfterAccessNanos", 0) > 0
                || f.primitive(node, "expireAfterWriteNanos", 0) > 0) {
            b.eviction(Eviction.EXPIRING, "Guava cache with expiry and no maximum size", -1);
        } else {
            b.eviction(Eviction.NONE, "Guava cache without maximum size or expiry", -1);
        }
        return b.build();
    }
}
