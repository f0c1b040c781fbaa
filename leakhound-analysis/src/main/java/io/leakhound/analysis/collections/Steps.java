package io.leakhound.analysis.collections;

/**
 * Counts one walk's steps and visits: stops at the caller's limit, when the visitor says so, or when more
 * steps are taken than the structure can need (the cycle guard).
 */
final class Steps {
    private final long cap;
    private final long limit;
    private final EntryVisitor visitor;
    private long steps;
    private long visited;
    private Walk.End end;

    /**
     * @param cap most steps a sound structure needs, e.g. 2 × table length + size; add slack for a racing size
     */
    Steps(long cap, long limit, EntryVisitor visitor) {
        this.cap = Math.max(cap, 0) + 64;
        this.limit = limit;
        this.visitor = visitor;
    }

    /** Counts one step (following a link, reading a slot); false when the walk must stop. */
    boolean step() {
        if (end != null) {
            return false;
        }
        if (++steps > cap) {
            end = Walk.End.CYCLE;
            return false;
        }
        return true;
    }

    /** Hands one element to the visitor; false when the walk must stop. */
    boolean visit(long key, long value) {
        if (end != null) {
            return false;
        }
        if (visited >= limit) {
            end = Walk.End.STOPPED;
            return false;
        }
        visited++;
        if (!visitor.visit(key, value)) {
            end = Walk.End.STOPPED;
            return false;
        }
        return true;
    }

    boolean stopped() {
        return end != null;
    }

    /** The outcome: complete unless the limit, the visitor or the cycle guard stopped it. */
    Walk result() {
        return new Walk(visited, end == null ? Walk.End.COMPLETE : end);
    }
}
