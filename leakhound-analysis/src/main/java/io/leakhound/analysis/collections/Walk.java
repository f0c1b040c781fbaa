package io.leakhound.analysis.collections;

/**
 * Outcome of an element walk.
 *
 * @param visited elements handed to the visitor
 * @param end why the walk ended
 */
public record Walk(long visited, End end) {
    /** Why a walk ended. */
    public enum End {
        /** Every element was visited. */
        COMPLETE,
        /** The limit was reached or the visitor returned false. */
        STOPPED,
        /**
         * The walk took more steps than the collection's size and capacity allow (a chain that loops, a list
         * longer than the map): the structure is corrupt, and the walk stopped.
         */
        CYCLE
    }

    public boolean complete() {
        return end == End.COMPLETE;
    }
}
