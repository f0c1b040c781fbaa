package io.leakhound.agent.resources;

/**
 * What {@code leakhound resources PID} reads over the local JMX connector: the global tracker's listing
 * ({@code docs/tracker.md} describes the JSON).
 */
public interface ResourcesMXBean {
    String NAME = "io.leakhound:type=Resources";

    /** The tracker's level: off, sampled or all. */
    String getLevel();

    /** Tracked resources open now. */
    long getOpen();

    /** The listing as JSON: the first {@code maxGroups} groups, {@code maxFrames} frames each. */
    String listingJson(int maxGroups, int maxFrames);

    /** The listing as text. */
    String listingText(int maxGroups, int maxFrames);
}
