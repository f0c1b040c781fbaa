package io.leakhound.live.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JVM unified GC logs ({@code -Xlog:gc}, {@code -Xlog:gc*}, JDK 9 and later) of every HotSpot collector.
 *
 * <p>Each collection's summary line gives the heap after it ({@code 120M->80M(512M)}). Collections are sorted
 * into two groups: those after which the heap holds (close to) only live objects — {@code Pause Full}, ZGC
 * {@code Garbage Collection} and {@code Major Collection}, Shenandoah {@code Concurrent cleanup} and
 * {@code Pause Degenerated GC}, and G1 marking cycles — and young collections, after which the heap still
 * holds old-generation garbage. A G1 marking cycle ({@code Pause Remark}, {@code Pause Cleanup} and the
 * {@code Pause Young (Mixed)} collections that follow, until the next young or full one) gives one sample:
 * its lowest heap, since each mixed collection reclaims more of the old garbage the marking found. When the log has at least
 * {@link #MIN_LIVE_SET_SAMPLES} of the first group, the series is those ({@link SeriesKind#LIVE_SET});
 * otherwise it is the heap after every collection ({@link SeriesKind#AFTER_YOUNG_GC}). When one collection
 * prints several sizes (G1 Remark then Cleanup, Shenandoah's two cleanups), its last one counts.
 *
 * <p>Time comes from the first decoration that is one: uptime ({@code [12.345s]}, {@code [12345ms]},
 * {@code [..ns]}) is preferred over wall time ({@code [2024-05-01T10:00:00.000+0000]}). The limit is the
 * {@code Heap Max Capacity} / {@code Max Capacity} of {@code gc+init} lines when logged, else the largest heap
 * capacity in the summaries (for ZGC, derived from its percentages). Lines that are not GC summaries (other
 * tags, application output) are skipped.
 */
final class GcLogReader implements SeriesReader {
    /**
     * Below this many live-set samples the heap after all collections is used instead: the verdict engine's
     * minimum ({@code VerdictEngine.MIN_SAMPLES}).
     */
    static final int MIN_LIVE_SET_SAMPLES = 8;

    private static final String SIZE = "(\\d+(?:\\.\\d+)?)([BKMGT])";
    private static final Pattern TRANSITION = Pattern.compile(
            SIZE + "(?:\\(\\d+%\\))?->" + SIZE + "(?:\\((\\d+)%\\))?(?:\\(" + SIZE + "\\))?");
    private static final Pattern GC_ID = Pattern.compile("^GC\\((\\d+)\\)\\s+");
    private static final Pattern MAX_CAPACITY = Pattern.compile("(?<!Soft )Max Capacity:\\s*" + SIZE + "\\s*$");
    private static final Pattern UPTIME_S = Pattern.compile("(\\d+(?:\\.\\d+)?)s");
    private static final Pattern MILLIS = Pattern.compile("(\\d+)ms");
    private static final Pattern NANOS = Pattern.compile("(\\d+)ns");
    private static final Pattern WALL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");

    private enum Kind {
        /** Heap after a collection of the whole heap: Full, ZGC, Shenandoah, Degenerated. */
        LIVE,
        /** G1 marking cycle: Remark, Cleanup and the mixed collections that follow; one sample per cycle. */
        G1_CYCLE,
        /** G1 young collection between Cleanup and the first mixed one; neither ends nor joins a cycle. */
        PREPARE_MIXED,
        YOUNG
    }

    private record Event(long timeMillis, long afterBytes, Kind kind, boolean startsCycle) {
    }

    @Override
    public MemorySeries read(BufferedReader in, String name, ReadOptions options) throws IOException {
        Map<Long, Event> events = new LinkedHashMap<>();
        long anonymous = -1;
        long maxCapacity = 0;
        long largestCapacity = 0;
        long zgcCapacity = 0;
        int zgcPercent = 0;
        boolean sawUndecorated = false;
        String line;
        while ((line = in.readLine()) != null) {
            Long time = null;
            int pos = 0;
            int[] timeRank = {Integer.MAX_VALUE};
            while (pos < line.length() && line.charAt(pos) == '[') {
                int end = line.indexOf(']', pos);
                if (end < 0) {
                    break;
                }
                Long t = decorationMillis(line.substring(pos + 1, end).strip(), timeRank);
                if (t != null) {
                    time = t;
                }
                pos = end + 1;
            }
            String message = line.substring(pos).strip();
            Matcher cap = MAX_CAPACITY.matcher(message);
            if (cap.find()) {
                maxCapacity = Math.max(maxCapacity, ByteSizes.toBytes(cap.group(1), cap.group(2)));
                continue;
            }
            Matcher id = GC_ID.matcher(message);
            long gcId;
            String what;
            if (id.find()) {
                gcId = Long.parseLong(id.group(1));
                what = message.substring(id.end());
            } else {
                gcId = anonymous--;
                what = message;
            }
            Kind kind = kindOf(what);
            if (kind == null) {
                continue;
            }
            Matcher m = TRANSITION.matcher(what);
            if (!m.find()) {
                continue;
            }
            if (time == null) {
                sawUndecorated = true;
                continue;
            }
            long after = ByteSizes.toBytes(m.group(3), m.group(4));
            if (m.group(6) != null) {
                largestCapacity = Math.max(largestCapacity, ByteSizes.toBytes(m.group(6), m.group(7)));
            }
            if (m.group(5) != null) {
                int percent = Integer.parseInt(m.group(5));
                if (percent > zgcPercent) {
                    zgcPercent = percent;
                    zgcCapacity = after * 100 / percent;
                }
            }
            boolean startsCycle = what.startsWith("Pause Remark") || what.startsWith("Pause Cleanup");
            events.put(gcId, new Event(time, after, kind, startsCycle));
        }
        if (events.isEmpty()) {
            throw new SeriesFormatException(sawUndecorated
                    ? name + ": GC log lines carry no time; log with -Xlog:gc:file=gc.log:uptime"
                    : name + ": no GC summaries with heap sizes found; log with -Xlog:gc or -Xlog:gc* (JDK 9+)");
        }
        List<Sample> live = new ArrayList<>();
        List<Sample> all = new ArrayList<>();
        Sample cycleLow = null; // lowest heap of the G1 marking cycle in progress
        for (Event e : events.values()) {
            Sample s = new Sample(e.timeMillis(), e.afterBytes());
            all.add(s);
            switch (e.kind()) {
                case PREPARE_MIXED:
                    break;
                case G1_CYCLE:
                    if (e.startsCycle() && cycleLow != null) {
                        live.add(cycleLow);
                        cycleLow = null;
                    }
                    if (cycleLow == null || s.bytes() <= cycleLow.bytes()) {
                        cycleLow = s;
                    }
                    break;
                default:
                    if (cycleLow != null) {
                        live.add(cycleLow);
                        cycleLow = null;
                    }
                    if (e.kind() == Kind.LIVE) {
                        live.add(s);
                    }
            }
        }
        if (cycleLow != null) {
            live.add(cycleLow);
        }
        Long limit = maxCapacity > 0 ? maxCapacity
                : zgcCapacity > 0 ? zgcCapacity : largestCapacity > 0 ? largestCapacity : null;
        if (live.size() >= MIN_LIVE_SET_SAMPLES) {
            return new MemorySeries(live, SeriesKind.LIVE_SET, limit, SeriesFormat.GC_LOG,
                    "heap after full/mixed collections and marking cycles (" + live.size() + " of " + all.size()
                            + " collections)");
        }
        return new MemorySeries(all, SeriesKind.AFTER_YOUNG_GC, limit, SeriesFormat.GC_LOG,
                "heap after every collection (only " + live.size() + " full/mixed/marking collections)");
    }

    /** The collection kind a summary line starts with, or null when it is not a heap summary. */
    static Kind kindOf(String what) {
        if (what.startsWith("Pause Full") || what.startsWith("Pause Degenerated")
                || what.startsWith("Concurrent cleanup") || what.startsWith("Garbage Collection (")
                || what.startsWith("Major Collection")) {
            return Kind.LIVE;
        }
        if (what.startsWith("Pause Young (Mixed)") || what.startsWith("Pause Remark")
                || what.startsWith("Pause Cleanup")) {
            return Kind.G1_CYCLE;
        }
        if (what.startsWith("Pause Young (Prepare Mixed)")) {
            return Kind.PREPARE_MIXED;
        }
        if (what.startsWith("Pause Young") || what.startsWith("Pause Initial Mark")
                || what.startsWith("Minor Collection")) {
            return Kind.YOUNG;
        }
        return null;
    }

    /**
     * The time of one decoration in milliseconds, or null when it is not a time or a better kind of time was
     * seen on this line already (rank: uptime seconds, milliseconds, nanoseconds, wall time).
     */
    private static Long decorationMillis(String d, int[] bestRank) {
        int rank;
        long millis;
        Matcher m;
        if ((m = UPTIME_S.matcher(d)).matches()) {
            rank = 0;
            millis = Math.round(Double.parseDouble(m.group(1)) * 1000);
        } else if ((m = MILLIS.matcher(d)).matches()) {
            rank = 1;
            millis = Long.parseLong(m.group(1));
        } else if ((m = NANOS.matcher(d)).matches()) {
            rank = 2;
            millis = Long.parseLong(m.group(1)) / 1_000_000;
        } else if (WALL.matcher(d).matches()) {
            rank = 3;
            try {
                millis = Timestamps.parseMillis(d);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else {
            return null;
        }
        if (rank >= bestRank[0]) {
            return null;
        }
        bestRank[0] = rank;
        return millis;
    }
}
