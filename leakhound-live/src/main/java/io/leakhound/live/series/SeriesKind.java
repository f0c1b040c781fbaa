package io.leakhound.live.series;

/** What the bytes of a series measure, which decides how the verdict engine treats it. */
public enum SeriesKind {
    /**
     * The live set: heap after a full or mixed collection or after a concurrent marking cycle. Fitted as is.
     */
    LIVE_SET("live-set"),
    /**
     * Memory in use sampled at arbitrary moments (Go {@code HeapAlloc}, Lua {@code collectgarbage("count")}, a
     * heap-used gauge): a sawtooth whose floor is the live set. The engine fits its lower envelope.
     */
    RAW_USAGE("raw-usage"),
    /**
     * Heap after young collections only: a floor that also holds old-generation garbage waiting for the next
     * full or marking cycle. Its lower envelope is fitted, but growth in it alone is not proof of a leak.
     */
    AFTER_YOUNG_GC("after-young-gc");

    private final String id;

    SeriesKind(String id) {
        this.id = id;
    }

    /** The name used in JSON output and docs. */
    public String id() {
        return id;
    }
}
