package io.leakhound.tracker;

/**
 * One leak: a tracked resource that became unreachable while still open, or a reference-counted object
 * collected with a count above zero. It names the resource by kind and class only: the resource's own
 * {@code toString()} may hold secrets (a JDBC URL with its password) and is never called.
 *
 * @param resource what was tracked, as it was when it was collected
 */
public record LeakReport(TrackedResource resource) {
    /** One line: what leaked, how, how long after it was opened, and the application frame that opened it. */
    public String headline() {
        TrackedResource r = resource;
        String how = !r.refCounted() ? "collected without close()"
                : r.refCount() <= 1 ? "collected without release()"
                : "collected with reference count " + r.refCount() + " (release() never brought it to 0)";
        return "leak: " + r.kind() + " " + r.className() + " " + how + ", opened " + Stacks.age(r.ageMillis())
                + " before at " + r.site();
    }

    /** The headline, the opening stack, the retains no release matched and the last accesses, one per line. */
    public String format() {
        StringBuilder b = new StringBuilder(headline()).append('\n');
        resource.appendDetails(b, Integer.MAX_VALUE);
        return b.toString();
    }
}
