package io.leakhound.analysis.collections;

/** What a collection is to its users, whatever its implementation. */
public enum CollectionKind {
    MAP, LIST, SET, QUEUE
}
