package io.leakhound.analysis.patterns;

import io.leakhound.analysis.model.PathStep;
import io.leakhound.heap.index.ObjectReader;
import java.util.Optional;

/**
 * {@code thread-local-leak}: the suspect's memory hangs off a thread's {@code ThreadLocal} map — values set
 * by tasks of long-lived (pooled) threads and never removed. Counts stale entries (whose ThreadLocal key was
 * already collected, so nobody can remove them any more).
 */
public final class ThreadLocalLeak implements LeakPattern {
    static final String MAP_CLASS = "java.lang.ThreadLocal$ThreadLocalMap";

    @Override
    public String id() {
        return "thread-local-leak";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        boolean viaMap = e.chainNodeOf(MAP_CLASS) >= 0
                || e.path().stream().anyMatch(s -> MAP_CLASS.equals(s.className()) || isThreadLocalsField(s));
        if (!viaMap) {
            return Optional.empty();
        }
        String thread = e.path().isEmpty() || e.path().get(0).thread() == null ? "a thread"
                : e.path().get(0).thread();
        long map = e.chainNodeOf(MAP_CLASS);
        if (map < 0) {
            map = e.holder();
        }
        String stale = staleEntries(e, map);
        String holders = threadLocalHolders(e, map);
        return Optional.of(new PatternMatch(id(), "values left in ThreadLocals of " + thread + holders + stale,
                "Call threadLocal.remove() in a finally block at the end of every task that sets it (pooled"
                        + " threads live forever, and so do their ThreadLocal values); keep ThreadLocal fields"
                        + " static final, and avoid large values or per-request objects in them."));
    }

    private static boolean isThreadLocalsField(PathStep s) {
        return "threadLocals".equals(s.field()) || "inheritableThreadLocals".equals(s.field());
    }

    /**
     * ", set through static Foo.BAR" naming the static fields that hold the ThreadLocals whose values this
     * map keeps the most of (the key of an entry is its ThreadLocal).
     */
    private static String threadLocalHolders(SuspectEvidence e, long map) {
        // the ThreadLocals with the biggest values
        java.util.TreeMap<Long, Long> byRetained = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (ObjectReader.Instance en : entries(e, map)) {
            if (en.id("referent") == 0) {
                continue;
            }
            long value = en.has("value") ? e.index().nodeOf(en.id("value")) : -1;
            byRetained.put(value < 0 ? 0 : e.heap().retained().retained(value), en.id("referent"));
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (long key : byRetained.values()) {
            String holder = staticHolderOf(e, key);
            if (holder != null) {
                names.add(holder);
            }
            if (names.size() == 2) {
                break;
            }
        }
        return names.isEmpty() ? "" : ", set through " + String.join(" and ", names);
    }

    /** {@code static Foo.BAR} for a static field holding the object with this id, or null. */
    private static String staticHolderOf(SuspectEvidence e, long id) {
        var classes = e.index().classes();
        for (int c = 0; c < classes.size(); c++) {
            var info = classes.get(c);
            long[] values = info.staticValues();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == id && info.staticTypes()[i] == io.leakhound.hprof.BasicType.OBJECT) {
                    String name = info.name();
                    return "static " + name.substring(name.lastIndexOf('.') + 1) + "." + info.staticNames()[i];
                }
            }
        }
        return null;
    }

    /** ", N stale entries" for entries of the map's table whose ThreadLocal key is gone. */
    private static String staleEntries(SuspectEvidence e, long map) {
        long stale = 0;
        long entries = 0;
        for (ObjectReader.Instance en : entries(e, map)) {
            entries++;
            if (en.id("referent") == 0) {
                stale++;
            }
        }
        return entries == 0 ? "" : " (" + entries + " entries, " + stale + " stale: key already collected)";
    }

    /** The entries of a ThreadLocalMap's table (each a weak reference to its ThreadLocal, with a value). */
    private static java.util.List<ObjectReader.Instance> entries(SuspectEvidence e, long map) {
        java.util.List<ObjectReader.Instance> out = new java.util.ArrayList<>();
        ObjectReader reader = e.reader();
        ObjectReader.Instance m = reader.instance(map);
        long table = m == null || !m.has("table") ? -1 : e.index().nodeOf(m.id("table"));
        if (table < 0) {
            return out;
        }
        for (long id : reader.elements(table, 1 << 16)) {
            long entry = id == 0 ? -1 : e.index().nodeOf(id);
            ObjectReader.Instance en = entry < 0 ? null : reader.instance(entry);
            if (en != null && en.has("referent")) {
                out.add(en);
            }
        }
        return out;
    }
}
