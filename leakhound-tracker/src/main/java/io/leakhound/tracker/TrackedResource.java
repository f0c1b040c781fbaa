package io.leakhound.tracker;

import java.util.List;

/**
 * A tracked resource as it is (or was, when it leaked): a snapshot, safe to keep. Only the kind and the class
 * name describe it; nothing is read from the resource itself.
 *
 * @param kind its kind
 * @param className its class
 * @param sequence the order in which it was tracked (a {@link Checkpoint} keeps those after it)
 * @param ageMillis how long it has been open (until it was collected, for a leak)
 * @param site the application frame that opened it: the first frame of {@code openedAt} outside the JDK, Netty,
 *     the tracker and the resource's own class (and, for a resource a library made, such as a JDBC driver's
 *     connection, outside that library)
 * @param openedAt the stack where it was opened, innermost first, the tracker's own frames removed
 * @param refCount its tracked count for a reference-counted object, else -1
 * @param unmatchedRetains retains that no release matched (reference-counted objects), oldest first
 * @param accesses the last recorded accesses, oldest first
 * @param droppedAccesses accesses recorded before those, no longer kept
 */
public record TrackedResource(String kind, String className, long sequence, long ageMillis, String site,
        List<StackTraceElement> openedAt, int refCount, List<AccessRecord> unmatchedRetains,
        List<AccessRecord> accesses, int droppedAccesses) {
    public TrackedResource {
        openedAt = List.copyOf(openedAt);
        unmatchedRetains = List.copyOf(unmatchedRetains);
        accesses = List.copyOf(accesses);
    }

    /** Whether it is a reference-counted object. */
    public boolean refCounted() {
        return refCount >= 0;
    }

    void appendDetails(StringBuilder b, int maxFrames) {
        b.append("  opened at\n");
        appendFrames(b, openedAt, maxFrames, "    ");
        if (!unmatchedRetains.isEmpty()) {
            b.append("  retains no release matched (").append(unmatchedRetains.size()).append("):\n");
            appendRecords(b, unmatchedRetains, maxFrames);
        }
        if (!accesses.isEmpty()) {
            b.append("  last accesses (").append(accesses.size()).append(" of ")
                    .append(accesses.size() + droppedAccesses).append(", oldest first):\n");
            appendRecords(b, accesses, maxFrames);
        }
    }

    private static void appendRecords(StringBuilder b, List<AccessRecord> records, int maxFrames) {
        int i = 1;
        for (AccessRecord a : records) {
            b.append("    #").append(i++).append(' ').append(a.note() == null ? "access" : a.note()).append(", ")
                    .append(Stacks.age(a.millisAfterOpen())).append(" after opening\n");
            appendFrames(b, a.stack(), maxFrames, "      ");
        }
    }

    static void appendFrames(StringBuilder b, List<StackTraceElement> frames, int maxFrames, String indent) {
        int n = Math.min(frames.size(), maxFrames);
        for (int i = 0; i < n; i++) {
            b.append(indent).append("at ").append(Stacks.frame(frames.get(i))).append('\n');
        }
        if (frames.size() > n) {
            b.append(indent).append("... ").append(frames.size() - n).append(" more\n");
        }
    }
}
