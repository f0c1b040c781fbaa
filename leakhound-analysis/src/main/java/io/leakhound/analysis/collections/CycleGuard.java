package io.leakhound.analysis.collections;

/**
 * Detects a loop in a chain of links in constant memory (Brent's algorithm): call {@link #reset()} at the
 * start of each chain and {@link #loops(long)} on each node; a chain that returns to an earlier node is caught
 * within about twice its length.
 */
final class CycleGuard {
    private long mark = -2;
    private long power = 1;
    private long length;

    void reset() {
        mark = -2;
        power = 1;
        length = 0;
    }

    /** Whether {@code node} closes a loop in the current chain. */
    boolean loops(long node) {
        if (node == mark) {
            return true;
        }
        if (++length == power) {
            mark = node;
            power <<= 1;
            length = 0;
        }
        return false;
    }
}
