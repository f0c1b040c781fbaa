package io.leakhound.analysis.collections;

/** How one collection's elements are walked; each inspector supplies one. */
@FunctionalInterface
interface Elements {
    /** Visits up to {@code limit} elements in the collection's own order. */
    Walk walk(long limit, EntryVisitor visitor);

    Elements EMPTY = (limit, visitor) -> new Walk(0, Walk.End.COMPLETE);
}
