package io.leakhound.analysis.patterns;

import io.leakhound.analysis.collections.Eviction;
import java.util.Optional;

/**
 * {@code unbounded-collection}: a long-lived JDK map, list, set or queue (held by a static field or a
 * singleton) with no eviction that holds the suspect's memory — caches keyed by ids, per-user metrics,
 * request contexts appended to a global list. Bounded caches (Caffeine, Guava with a maximum, LinkedHashMap
 * subclasses that may evict) are not this pattern.
 */
public final class UnboundedCollection implements LeakPattern {
    private static final String CAFFEINE_BOUNDED = "com.github.benmanes.caffeine.cache.BoundedLocalCache";
    private static final String GUAVA_CACHE = "com.google.common.cache.LocalCache";

    @Override
    public String id() {
        return "unbounded-collection";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        long collection = JdkCollections.collectionOf(e);
        if (collection < 0 || !(e.heldStatically() || e.heldByThread())) {
            return Optional.empty();
        }
        if (e.chainNodeOf(CAFFEINE_BOUNDED) >= 0 || e.chainNodeOf(GUAVA_CACHE) >= 0) {
            return Optional.empty();
        }
        if (e.collection() != null && e.collection().eviction() != Eviction.NONE) {
            return Optional.empty();  // bounded, expiring, weak keys, or a subclass that may evict
        }
        String className = e.className(collection);
        if (e.isInstanceOf(collection, "java.util.LinkedHashMap") && !className.startsWith("java.")) {
            return Optional.empty();  // a subclass may override removeEldestEntry: not provably unbounded
        }
        if (e.isInstanceOf(collection, "java.util.WeakHashMap")) {
            return Optional.empty();
        }
        String kind = JdkCollections.kindOf(e, collection);
        String advice = switch (kind) {
            case "map", "set" -> "Bound it: a cache with a size limit and expiry (Caffeine.newBuilder()"
                    + ".maximumSize(n).expireAfterAccess(d)) instead of a plain " + className
                    + "; if entries belong to a request, session or user, remove them when that ends (finally block,"
                    + " session listener); keep per-user metrics in a bounded structure or export them with"
                    + " bounded label cardinality.";
            default -> "Remove elements when their work ends (in a finally block or completion callback), or use"
                    + " a bounded queue/ring buffer (ArrayBlockingQueue, EvictingQueue) so old elements drop out.";
        };
        return Optional.of(new PatternMatch(id(), "a " + kind + " that only grows (no eviction)", advice));
    }
}
