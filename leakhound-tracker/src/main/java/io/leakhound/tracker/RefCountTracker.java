package io.leakhound.tracker;

import java.util.List;
import java.util.Objects;

/**
 * Tracks reference-counted objects (retain/release): an object collected with its count above zero is a leak
 * reported like an unclosed resource, with the stacks of the retains no release matched; {@link #retained()}
 * lists the objects alive with a count above zero at a check. Shares its {@link ResourceTracker}'s level,
 * counters, listeners and checkpoints; get it with {@link ResourceTracker#refCounts()}.
 */
public final class RefCountTracker {
    private final ResourceTracker tracker;

    RefCountTracker(ResourceTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * Tracks {@code object}, whose count is one now, as a {@code kind}; the object calls the handle's
     * {@link RefCounted#retain()} and {@link RefCounted#release()} with its own. {@link RefCounted#NONE} when not
     * tracked (level off or not sampled).
     */
    public RefCounted track(Object object, String kind) {
        Objects.requireNonNull(kind, "kind");
        Record r = tracker.trackRecord(object, kind, true, false);
        return r == null ? RefCounted.NONE : r;
    }

    /** Tracked objects alive now with a count above zero, with their unmatched retains, in tracking order. */
    public List<TrackedResource> retained() {
        return tracker.openResources().stream().filter(TrackedResource::refCounted).toList();
    }
}
