package io.leakhound.analysis.collections;

import java.util.ArrayList;
import java.util.List;

/**
 * One recognized collection in a dump: what it is, how big it is, what backs it, whether it evicts, and a walk
 * over its elements. Built by {@link CollectionInspectors#inspect(long)}; the element walk reads the dump
 * lazily, each time it is called, so keep the info only as long as its {@link io.leakhound.heap.index.HeapIndex}
 * is open.
 */
public final class CollectionInfo {
    /** A null reference, a missing object, or no value (the elements of lists, sets and queues). */
    public static final long NONE = -1;

    private final long node;
    private final long backingNode;
    private final List<String> wrappers;
    private final CollectionKind kind;
    private final String recognizedClass;
    private final String className;
    private final long size;
    private final boolean sizeCounted;
    private final long capacity;
    private final long[] backingArrays;
    private final Eviction eviction;
    private final String evictionReason;
    private final long maximum;
    private final boolean accessOrder;
    private final Elements elements;

    private CollectionInfo(Builder b) {
        this.node = b.node;
        this.backingNode = b.backingNode;
        this.wrappers = List.copyOf(b.wrappers);
        this.kind = b.kind;
        this.recognizedClass = b.recognizedClass;
        this.className = b.className;
        this.size = b.size;
        this.sizeCounted = b.sizeCounted;
        this.capacity = b.capacity;
        this.backingArrays = b.backingArrays.clone();
        this.eviction = b.eviction;
        this.evictionReason = b.evictionReason;
        this.maximum = b.maximum;
        this.accessOrder = b.accessOrder;
        this.elements = b.elements;
    }

    /** The object inspected (a wrapper such as {@code Collections$SynchronizedMap} when there is one). */
    public long node() {
        return node;
    }

    /** The object that holds the data: the innermost collection, after unwrapping wrappers and set-over-map. */
    public long backingNode() {
        return backingNode;
    }

    /** Classes of the wrappers unwrapped from {@link #node()} to the collection, outermost first. */
    public List<String> wrappers() {
        return wrappers;
    }

    public CollectionKind kind() {
        return kind;
    }

    /** The JDK or library class recognized, e.g. {@code java.util.LinkedHashMap} for a user subclass of it. */
    public String recognizedClass() {
        return recognizedClass;
    }

    /** The actual class of {@link #node()}. */
    public String className() {
        return className;
    }

    /** Whether the collection is a subclass of the recognized class (not the class itself or a wrapper of it). */
    public boolean subclassed() {
        return wrappers.isEmpty() && !className.equals(recognizedClass);
    }

    /** Number of elements (map entries) from the collection's own counter, or counted when it has none. */
    public long size() {
        return size;
    }

    /**
     * Whether {@link #size()} was derived (counted by walking, or from {@code ArrayDeque}'s head and tail) rather
     * than read from the collection's own counter.
     */
    public boolean sizeCounted() {
        return sizeCounted;
    }

    /** Slots of the backing table or array (hash buckets, array length); -1 for linked structures. */
    public long capacity() {
        return capacity;
    }

    /** {@code size / capacity}, or NaN without a capacity. For hash maps, compare with the load factor (0.75). */
    public double fillRatio() {
        return capacity > 0 ? (double) size / capacity : capacity == 0 ? 0 : Double.NaN;
    }

    /** Nodes of the backing arrays (table, element array, segment tables); empty for linked structures. */
    public long[] backingArrays() {
        return backingArrays.clone();
    }

    public Eviction eviction() {
        return eviction;
    }

    /** One line on why {@link #eviction()} is what it is, or null for plain collections. */
    public String evictionReason() {
        return evictionReason;
    }

    /** The size or weight limit of a bounded collection, -1 when there is none or it is unknown. */
    public long maximum() {
        return maximum;
    }

    /** Whether this is an access-order {@code LinkedHashMap} (an LRU: {@code get} moves entries). */
    public boolean accessOrder() {
        return accessOrder;
    }

    /**
     * Visits up to {@code limit} elements (for maps: entries as key and value nodes) in the collection's own
     * order, reading the dump as it goes. Allocates nothing per element.
     */
    public Walk forEach(long limit, EntryVisitor visitor) {
        return elements.walk(limit, visitor);
    }

    /** Walks every element and counts them; {@link Walk#end()} says whether the structure was sound. */
    public Walk countElements() {
        return elements.walk(Long.MAX_VALUE, (k, v) -> true);
    }

    @Override
    public String toString() {
        return kind + " " + recognizedClass + (subclassed() ? " (" + className + ")" : "") + " size " + size
                + (capacity >= 0 ? " capacity " + capacity : "") + " eviction " + eviction;
    }

    static Builder builder(long node, String className, CollectionKind kind, String recognizedClass) {
        return new Builder(node, className, kind, recognizedClass);
    }

    Builder toBuilder() {
        Builder b = new Builder(node, className, kind, recognizedClass);
        b.backingNode = backingNode;
        b.wrappers.addAll(wrappers);
        b.size = size;
        b.sizeCounted = sizeCounted;
        b.capacity = capacity;
        b.backingArrays = backingArrays;
        b.eviction = eviction;
        b.evictionReason = evictionReason;
        b.maximum = maximum;
        b.accessOrder = accessOrder;
        b.elements = elements;
        return b;
    }

    /** Assembles an info; inspectors set what they know. */
    static final class Builder {
        private long node;
        private long backingNode;
        private final List<String> wrappers = new ArrayList<>();
        private CollectionKind kind;
        private String recognizedClass;
        private String className;
        private long size;
        private boolean sizeCounted;
        private long capacity = -1;
        private long[] backingArrays = new long[0];
        private Eviction eviction = Eviction.NONE;
        private String evictionReason;
        private long maximum = -1;
        private boolean accessOrder;
        private Elements elements = Elements.EMPTY;

        private Builder(long node, String className, CollectionKind kind, String recognizedClass) {
            this.node = node;
            this.backingNode = node;
            this.className = className;
            this.kind = kind;
            this.recognizedClass = recognizedClass;
        }

        Builder size(long size, boolean counted) {
            this.size = size;
            this.sizeCounted = counted;
            return this;
        }

        Builder capacity(long capacity) {
            this.capacity = capacity;
            return this;
        }

        Builder arrays(long... arrays) {
            this.backingArrays = java.util.Arrays.stream(arrays).filter(a -> a >= 0).toArray();
            return this;
        }

        Builder eviction(Eviction eviction, String reason, long maximum) {
            this.eviction = eviction;
            this.evictionReason = reason;
            this.maximum = maximum;
            return this;
        }

        Builder accessOrder(boolean accessOrder) {
            this.accessOrder = accessOrder;
            return this;
        }

        Builder elements(Elements elements) {
            this.elements = elements;
            return this;
        }

        Builder kind(CollectionKind kind) {
            this.kind = kind;
            return this;
        }

        Builder recognizedClass(String name) {
            this.recognizedClass = name;
            return this;
        }

        /** Re-roots an inner collection's info at the wrapper {@code outer}. */
        Builder wrappedBy(long outer, String outerClass) {
            this.wrappers.add(0, outerClass);
            this.node = outer;
            this.className = outerClass;
            return this;
        }

        /** Re-roots an inner map's info at a set that uses it ({@code HashSet.map}), keeping the set's identity. */
        Builder asSetOver(long set, String setClass, String recognizedSetClass) {
            this.node = set;
            this.className = setClass;
            this.recognizedClass = recognizedSetClass;
            this.kind = CollectionKind.SET;
            return this;
        }

        CollectionInfo build() {
            return new CollectionInfo(this);
        }
    }
}
