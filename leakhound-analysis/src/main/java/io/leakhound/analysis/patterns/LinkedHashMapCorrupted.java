package io.leakhound.analysis.patterns;

import io.leakhound.analysis.collections.LinkedHashMapLinks;
import java.util.Optional;

/**
 * {@code linked-hash-map-corrupted}: a {@code LinkedHashMap} on the suspect's chain whose doubly linked list
 * disagrees with its hash table — what an access-order map (an LRU cache) becomes when {@code get}, which
 * relinks entries, runs concurrently (e.g. under a shared read lock). Entries the list no longer reaches are
 * never evicted by {@code removeEldestEntry}, so the "bounded" cache grows without limit.
 */
public final class LinkedHashMapCorrupted implements LeakPattern {
    @Override
    public String id() {
        return "linked-hash-map-corrupted";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        long map = e.chainNodeOf("java.util.LinkedHashMap");
        if (map < 0) {
            return Optional.empty();
        }
        LinkedHashMapLinks links = e.collections().linkedHashMapLinks(map);
        if (links == null) {
            return Optional.empty();
        }
        LinkedHashMapLinks.Consistency c = links.check();
        if (c.consistent()) {
            return Optional.empty();
        }
        String finding = "its LinkedHashMap is corrupted: " + String.join("; ", c.problems())
                + (c.tableEntriesNotInList() > 0 ? " (eviction can no longer reach " + c.tableEntriesNotInList()
                + " entries)" : "");
        return Optional.of(new PatternMatch(id(), finding, "An access-order LinkedHashMap changes its linked list"
                + " on every get(), so get() is a write: guard every access (get included) with one exclusive lock,"
                + " or wrap it with Collections.synchronizedMap — never a read lock. Better, replace the hand-made"
                + " LRU with Caffeine (Caffeine.newBuilder().maximumSize(n).build()), which is concurrent and"
                + " bounded. Restart or rebuild the corrupted map: it cannot repair itself."));
    }
}
