package io.leakhound.analysis.collections;

/**
 * Receives the elements of a collection walk as node numbers, with no object per element. For maps
 * {@code key} and {@code value} are an entry's key and value; for lists, sets and queues {@code key} is the
 * element and {@code value} is {@link CollectionInfo#NONE}. A null reference, or one to an object the dump
 * does not hold, is {@link CollectionInfo#NONE} too.
 */
@FunctionalInterface
public interface EntryVisitor {
    /** @return false to stop the walk */
    boolean visit(long key, long value);
}
