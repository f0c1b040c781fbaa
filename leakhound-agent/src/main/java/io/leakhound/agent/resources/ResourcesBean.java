package io.leakhound.agent.resources;

import io.leakhound.tracker.ResourceTracker;

/** The {@link ResourcesMXBean} of the global tracker. */
final class ResourcesBean implements ResourcesMXBean {
    private final ResourceTracker tracker;

    ResourcesBean(ResourceTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public String getLevel() {
        return tracker.level().id();
    }

    @Override
    public long getOpen() {
        return tracker.openCount();
    }

    @Override
    public String listingJson(int maxGroups, int maxFrames) {
        return tracker.listing().toJson(bound(maxGroups), bound(maxFrames));
    }

    @Override
    public String listingText(int maxGroups, int maxFrames) {
        return tracker.listing().toText(bound(maxGroups), bound(maxFrames));
    }

    private static int bound(int n) {
        return Math.max(0, Math.min(n, 10_000));
    }
}
