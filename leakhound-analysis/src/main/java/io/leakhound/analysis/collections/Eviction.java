package io.leakhound.analysis.collections;

/** Whether and how a collection drops entries by itself; {@link CollectionInfo#evictionReason()} says why. */
public enum Eviction {
    /** Nothing is dropped unless the program removes it: grows without limit. */
    NONE,
    /** A recognized size or weight limit (Caffeine or Guava maximum, bounded JDK queue). */
    BOUNDED,
    /** Entries expire after a time, with no size limit. */
    EXPIRING,
    /** May evict, but the dump cannot tell: a non-JDK {@code LinkedHashMap} subclass may override {@code removeEldestEntry}. */
    POSSIBLY_BOUNDED,
    /** Entries go once their keys are only weakly reachable ({@code WeakHashMap}, weak-keyed caches). */
    WEAK_KEYS
}
