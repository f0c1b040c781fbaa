package io.leakhound.analysis.collections;

/** Unwraps {@code java.lang.ref.Reference} holders (weak keys and values of caches) to their referents. */
final class References {
    private References() {
    }

    /** The referent when {@code node} is a {@code Reference}, else the node itself. */
    static long unwrap(HeapFields f, long node) {
        int offset = node < 0 ? -1 : f.index().classOf(node).referentOffset();
        return offset < 0 ? node : f.reader().fieldNode(node, offset);
    }
}
