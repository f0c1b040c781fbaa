package io.leakhound.heap.graph;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongComparators;
import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;

/**
 * Retained bytes and node counts that a backward pass over the upper part of the preorder numbers passes to
 * dominators below that part, which another thread is summing at the same time: kept aside per dominator,
 * then added to it and to each of its ancestors once both passes are done.
 */
final class AncestorSpill {
    private final Long2LongOpenHashMap bytes = new Long2LongOpenHashMap();
    private final Long2LongOpenHashMap counts = new Long2LongOpenHashMap();

    /** Keeps {@code retained} bytes and {@code nodes} for dominator {@code d}. */
    void add(long d, long retained, long nodes) {
        bytes.addTo(d, retained);
        counts.addTo(d, nodes);
    }

    /**
     * Adds what was kept to each dominator and all its ancestors, the deepest first so every node is visited
     * once with everything its spilled descendants pass up; returns the bytes that reach the virtual root.
     */
    long addAlongAncestors(DominatorTree tree, BigLongArray retained, BigIntArray subtree) {
        LongHeapPriorityQueue deepestFirst = new LongHeapPriorityQueue(bytes.size() + 1,
                LongComparators.OPPOSITE_COMPARATOR);
        bytes.keySet().forEach(deepestFirst::enqueue);
        long toRoot = 0;
        while (!deepestFirst.isEmpty()) {
            long d = deepestFirst.dequeueLong();
            long b = bytes.remove(d);
            long c = counts.remove(d);
            retained.set(d, retained.get(d) + b);
            subtree.set(d, (int) (Integer.toUnsignedLong(subtree.get(d)) + c));
            long up = tree.idomInPreorder(d);
            if (up == 0) {
                toRoot += b;
                continue;
            }
            if (!bytes.containsKey(up)) {
                deepestFirst.enqueue(up);
            }
            add(up, b, c);
        }
        return toRoot;
    }
}
