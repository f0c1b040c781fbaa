package io.leakhound.live.watch;

import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.verdict.VerdictEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class histograms over time ({@code GC.class_histogram}, which counts live objects after a full GC) and the
 * classes that grow steadily. Each tracked class gets two series, instances and bytes, and the same verdict
 * engine as the heap: a class grows when its bytes get a {@code leak} verdict (significant, relevant and not
 * levelling off). Memory is bounded: the {@link #TRACKED_PER_HISTOGRAM} largest classes of each histogram are
 * tracked, at most {@link #MAX_TRACKED} in all (the smallest dropped), with at most {@link #MAX_POINTS} points
 * each (every other one dropped past that). Not thread-safe.
 */
public final class ClassHistograms {
    /** The largest classes of each histogram that are tracked: a leaking class soon ranks among them. */
    public static final int TRACKED_PER_HISTOGRAM = 200;
    public static final int MAX_TRACKED = 300;
    public static final int MAX_POINTS = 128;
    /**
     * Growth below this is not reported, however steady: method handles and interned strings creep by bytes per
     * second in any service; 1 MB/h is 24 MB a day.
     */
    public static final double MIN_BYTES_PER_HOUR = 1 << 20;

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** One row of a histogram. */
    public record Row(String className, long instances, long bytes) {
    }

    private static final class Track {
        final List<Sample> instances = new ArrayList<>();
        final List<Sample> bytes = new ArrayList<>();
        long lastBytes;
        long lastSeen;
    }

    private final Map<String, Track> tracked = new LinkedHashMap<>();
    private final VerdictEngine engine;
    private int histograms;

    /** Classes grow by the default engine's rules. */
    public ClassHistograms() {
        this(new VerdictEngine());
    }

    /** @param engine decides, per class, whether its bytes and instances grow (the watch's own engine) */
    public ClassHistograms(VerdictEngine engine) {
        this.engine = engine;
    }

    /** Parses the text of {@code GC.class_histogram} (the DiagnosticCommand {@code gcClassHistogram}). */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return rows;
    }

    /** Adds one histogram taken at {@code timeMillis}. */
    public void add(long timeMillis, List<Row> rows) {
        histograms++;
        Map<String, Row> byName = new HashMap<>();
        for (Row r : rows) {
            byName.merge(r.className(), r, (a, b) -> new Row(a.className(), a.instances() + b.instances(),
                    a.bytes() + b.bytes())); // same name in two class loaders
        }
        List<Row> largest = new ArrayList<>(byName.values());
        largest.sort(Comparator.comparingLong(Row::bytes).reversed());
        for (Row r : largest.subList(0, Math.min(TRACKED_PER_HISTOGRAM, largest.size()))) {
            tracked.computeIfAbsent(r.className(), k -> new Track());
        }
        for (Map.Entry<String, Track> e : tracked.entrySet()) {
            Row r = byName.get(e.getKey());
            Track t = e.getValue();
            long instances = r == null ? 0 : r.instances();
            long bytes = r == null ? 0 : r.bytes();
            add(t.instances, new Sample(timeMillis, instances));
            add(t.bytes, new Sample(timeMillis, bytes));
            t.lastBytes = bytes;
            if (r != null) {
                t.lastSeen = timeMillis;
            }
        }
        if (tracked.size() > MAX_TRACKED) {
            List<Map.Entry<String, Track>> bySize = new ArrayList<>(tracked.entrySet());
            bySize.sort(Comparator.comparingLong(e -> e.getValue().lastBytes));
            for (Iterator<Map.Entry<String, Track>> it = bySize.iterator(); it.hasNext() && tracked.size() > MAX_TRACKED;) {
                tracked.remove(it.next().getKey());
            }
        }
    }

    private static void add(List<Sample> list, Sample s) {
        list.add(s);
        if (list.size() > MAX_POINTS) {
            List<Sample> kept = new ArrayList<>();
            for (int i = 0; i < list.size(); i += 2) {
                kept.add(list.get(i));
            }
            list.clear();
            list.addAll(kept);
        }
    }

    /** Histograms added so far. */
    public int histograms() {
        return histograms;
    }

    /** Classes with a leak verdict on their bytes, fastest growth first, at most {@code top}. */
    public List<ClassGrowth> growing(int top) {
        List<ClassGrowth> out = new ArrayList<>();
        if (histograms < VerdictEngine.MIN_SAMPLES) {
            return out;
        }
        for (Map.Entry<String, Track> e : tracked.entrySet()) {
            Track t = e.getValue();
            if (e.getKey().startsWith("io.leakhound.agent.") || e.getKey().startsWith("io.leakhound.live.")) {
                continue; // the watcher's own samples (bounded) when it runs inside the JVM
            }
            TrendResult bytes = engine.decide(series(t.bytes));
            if (bytes.verdict() != Verdict.LEAK || bytes.growthBytesPerHour() < MIN_BYTES_PER_HOUR) {
                continue;
            }
            TrendResult instances = engine.decide(series(t.instances));
            out.add(new ClassGrowth(e.getKey(), instances.growthBytesPerHour(), bytes.growthBytesPerHour(),
                    t.lastBytes));
        }
        out.sort(Comparator.comparingDouble(ClassGrowth::bytesPerHour).reversed());
        return out.size() > top ? new ArrayList<>(out.subList(0, top)) : out;
    }

    private static MemorySeries series(List<Sample> samples) {
        return new MemorySeries(samples, SeriesKind.LIVE_SET, null, SeriesFormat.GC_NOTIFICATIONS, "class histogram");
    }
}
