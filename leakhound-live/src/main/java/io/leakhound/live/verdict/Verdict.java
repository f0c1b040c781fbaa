package io.leakhound.live.verdict;

/** What a memory series says. */
public enum Verdict {
    /** The live set grows significantly, by a relevant amount, and still grows at the end of the window. */
    LEAK("leak"),
    /** No relevant growth, or growth that has stopped (a cache that filled up). */
    NO_LEAK("no-leak"),
    /** Too few samples, or growth that is suspected but not yet significant or not yet told from garbage. */
    NOT_ENOUGH_DATA("not-enough-data");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    /** The name in JSON and text output. */
    public String id() {
        return id;
    }
}
