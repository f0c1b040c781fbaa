package io.leakhound.tracker;

/**
 * A tracker's counters for one kind of resource. They count tracked resources only: at level
 * {@link Level#SAMPLED} they are about one in {@link ResourceTracker#samplingInterval()} of the real ones.
 *
 * @param kind the kind ({@code file}, {@code socket}, ...)
 * @param open tracked and not yet closed (nor leaked)
 * @param opened tracked since the tracker started
 * @param closed closed (or released) properly
 * @param leaked collected while still open or still retained
 */
public record KindCounts(String kind, long open, long opened, long closed, long leaked) {
}
