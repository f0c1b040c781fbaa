package io.leakhound.tracker;

import java.util.List;

/**
 * One recorded access, retain or release of a tracked resource.
 *
 * @param note what the caller said ({@link Tracked#touch(String)}), {@code retain}/{@code release}, or null
 * @param millisAfterOpen when, counted from the opening
 * @param stack where, innermost frame first, the tracker's own frames removed
 */
public record AccessRecord(String note, long millisAfterOpen, List<StackTraceElement> stack) {
    public AccessRecord {
        stack = List.copyOf(stack);
    }
}
