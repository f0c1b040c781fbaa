package io.leakhound.tracker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The open tracked resources of a tracker at one moment, grouped by kind, class and opening stack (a thousand
 * sockets opened on one line are one group), with the counters per kind. Rendered as text or as the JSON
 * object that {@code leakhound resources PID --json} and the agent's {@code /resources} endpoint print
 * ({@code docs/tracker.md}).
 */
public final class ResourceListing {
    /**
     * Open resources of one kind and class opened at the same stack.
     *
     * @param oldestAgeMillis how long the oldest of them has been open
     * @param site the application frame of the stack
     */
    public record Group(String kind, String className, int count, long oldestAgeMillis, String site,
            List<StackTraceElement> openedAt) {
        public Group {
            openedAt = List.copyOf(openedAt);
        }
    }

    private record Key(String kind, String className, List<StackTraceElement> openedAt) {
    }

    private final Level level;
    private final int samplingInterval;
    private final long openThreshold;
    private final List<KindCounts> counts;
    private final List<Group> groups;
    private final long open;

    private ResourceListing(Level level, int samplingInterval, long openThreshold, List<KindCounts> counts,
            List<Group> groups, long open) {
        this.level = level;
        this.samplingInterval = samplingInterval;
        this.openThreshold = openThreshold;
        this.counts = List.copyOf(counts);
        this.groups = List.copyOf(groups);
        this.open = open;
    }

    static ResourceListing of(ResourceTracker t, List<TrackedResource> resources) {
        Map<Key, List<TrackedResource>> byKey = new LinkedHashMap<>();
        for (TrackedResource r : resources) {
            byKey.computeIfAbsent(new Key(r.kind(), r.className(), r.openedAt()), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Key, List<TrackedResource>> e : byKey.entrySet()) {
            long oldest = e.getValue().stream().mapToLong(TrackedResource::ageMillis).max().orElse(0);
            groups.add(new Group(e.getKey().kind(), e.getKey().className(), e.getValue().size(), oldest,
                    e.getValue().get(0).site(), e.getKey().openedAt()));
        }
        groups.sort(Comparator.comparingInt(Group::count).reversed()
                .thenComparing(Comparator.comparingLong(Group::oldestAgeMillis).reversed()));
        return new ResourceListing(t.level(), t.samplingInterval(), t.openThreshold(), t.counts(), groups,
                resources.size());
    }

    public Level level() {
        return level;
    }

    public int samplingInterval() {
        return samplingInterval;
    }

    public long openThreshold() {
        return openThreshold;
    }

    /** Counters per kind. */
    public List<KindCounts> counts() {
        return counts;
    }

    /** Groups, most resources first. */
    public List<Group> groups() {
        return groups;
    }

    /** Open resources listed (the sum of the groups' counts). */
    public long open() {
        return open;
    }

    /** A table of the counters, then the first {@code maxGroups} groups with at most {@code maxFrames} frames each. */
    public String toText(int maxGroups, int maxFrames) {
        StringBuilder b = new StringBuilder();
        b.append("tracked resources: level ").append(level.id());
        if (level == Level.SAMPLED) {
            b.append(" (1 in ").append(samplingInterval).append(')');
        }
        b.append(", ").append(open).append(" open\n");
        if (!counts.isEmpty()) {
            int w = Math.max(4, counts.stream().mapToInt(c -> c.kind().length()).max().orElse(4));
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %8s %10s %10s %8s%n", "kind", "open", "opened",
                    "closed", "leaked"));
            for (KindCounts c : counts) {
                b.append(String.format(Locale.ROOT, "  %-" + w + "s %8d %10d %10d %8d%n", c.kind(), c.open(),
                        c.opened(), c.closed(), c.leaked()));
            }
        }
        int n = Math.min(maxGroups, groups.size());
        for (int i = 0; i < n; i++) {
            Group g = groups.get(i);
            b.append('\n').append(g.count()).append(" open ").append(g.kind()).append(' ').append(g.className())
                    .append(", oldest ").append(Stacks.age(g.oldestAgeMillis())).append(", opened at ")
                    .append(g.site()).append('\n');
            TrackedResource.appendFrames(b, g.openedAt(), maxFrames, "    ");
        }
        if (groups.size() > n) {
            b.append("\n... ").append(groups.size() - n).append(" more groups\n");
        }
        return b.toString();
    }

    /** The JSON object described in {@code docs/tracker.md}. */
    public String toJson(int maxGroups, int maxFrames) {
        StringBuilder b = new StringBuilder("{");
        Json.field(b, "level");
        Json.string(b, level.id()).append(',');
        Json.field(b, "samplingInterval").append(level == Level.ALL ? 1 : level == Level.OFF ? 0 : samplingInterval)
                .append(',');
        Json.field(b, "openThreshold").append(openThreshold).append(',');
        Json.field(b, "open").append(open).append(',');
        Json.field(b, "kinds").append('[');
        for (int i = 0; i < counts.size(); i++) {
            KindCounts c = counts.get(i);
            b.append(i == 0 ? "" : ",").append('{');
            Json.field(b, "kind");
            Json.string(b, c.kind()).append(',');
            Json.field(b, "open").append(c.open()).append(',');
            Json.field(b, "opened").append(c.opened()).append(',');
            Json.field(b, "closed").append(c.closed()).append(',');
            Json.field(b, "leaked").append(c.leaked()).append('}');
        }
        b.append("],");
        int n = Math.min(maxGroups, groups.size());
        Json.field(b, "groups").append('[');
        for (int i = 0; i < n; i++) {
            Group g = groups.get(i);
            b.append(i == 0 ? "" : ",").append('{');
            Json.field(b, "kind");
            Json.string(b, g.kind()).append(',');
            Json.field(b, "className");
            Json.string(b, g.className()).append(',');
            Json.field(b, "count").append(g.count()).append(',');
            Json.field(b, "oldestAgeMillis").append(g.oldestAgeMillis()).append(',');
            Json.field(b, "site");
            Json.string(b, g.site()).append(',');
            int frames = Math.min(maxFrames, g.openedAt().size());
            Json.field(b, "openedAt").append('[');
            for (int f = 0; f < frames; f++) {
                Json.string(b.append(f == 0 ? "" : ","), Stacks.frame(g.openedAt().get(f)));
            }
            b.append("],");
            Json.field(b, "framesOmitted").append(g.openedAt().size() - frames).append('}');
        }
        b.append("],");
        Json.field(b, "groupsOmitted").append(groups.size() - n);
        return b.append('}').toString();
    }
}
