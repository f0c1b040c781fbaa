/**
 * Collection inspectors: what a map, list, set or queue in a heap dump holds, read from the JDK's (and
 * Caffeine's and Guava's) own fields.
 *
 * <p>{@link io.leakhound.analysis.collections.CollectionInspectors} recognizes a collection object by its class
 * or a super class (user subclasses of {@code HashMap} are maps too), unwraps {@code Collections.synchronized*},
 * {@code unmodifiable*} and set-over-map wrappers, and returns a
 * {@link io.leakhound.analysis.collections.CollectionInfo}: kind, logical size, capacity and fill ratio, backing
 * arrays, how the collection evicts ({@link io.leakhound.analysis.collections.Eviction}), and a walk over its
 * elements that calls an {@link io.leakhound.analysis.collections.EntryVisitor} with node numbers, so a
 * million-entry map costs no Java object per entry. Each family has one
 * {@link io.leakhound.analysis.collections.CollectionInspector}; field names are those shared by JDK 8 to 25,
 * with fallbacks where layouts differ ({@code ConcurrentHashMap} counter cells, {@code ArrayDeque} without a
 * size field, JDK 8 and 14+ skip lists).
 *
 * <p>Dumps may hold maps corrupted by unsynchronized use: every walk is iterative and capped at a number of
 * steps the collection's own size and capacity allow, and reports {@link io.leakhound.analysis.collections.Walk.End#CYCLE}
 * instead of hanging. {@link io.leakhound.analysis.collections.LinkedHashMapLinks} compares a
 * {@code LinkedHashMap}'s doubly linked list with its table, for the corruption detector.
 *
 * <p>Reads go through {@link io.leakhound.heap.index.ObjectReader}'s allocation-free field reads. Values read
 * here are heap data; nothing in this package renders them.
 */
package io.leakhound.analysis.collections;
