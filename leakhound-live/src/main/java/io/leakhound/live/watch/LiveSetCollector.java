package io.leakhound.live.watch;

import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns GC notifications into the series the verdict engine wants, by the rule the GC-log reader applies to
 * {@code -Xlog:gc} lines (see {@code docs/leak-verdict.md}):
 *
 * <ul>
 * <li><b>live set</b>: heap after a collection of the whole heap ({@code end of major GC}: Parallel
 * {@code PS MarkSweep}, Serial {@code MarkSweepCompact}, G1 {@code G1 Old Generation}; ZGC and Shenandoah
 * {@code … Cycles}), and one sample per G1 marking cycle: the lowest heap over its {@code G1 Concurrent GC}
 * pauses (Remark, Cleanup; JDK 20+) and the mixed collections that follow. A G1 mixed collection is reported
 * as {@code end of minor GC} like a young one; it is told apart by the old generation shrinking, which a young
 * collection never does (it only promotes into it). The first young collection after Remark/Cleanup
 * ("Prepare Mixed") neither ends nor joins the cycle.</li>
 * <li><b>after every collection</b>: the heap after each collection, used while there are fewer than
 * {@link #MIN_LIVE_SET_SAMPLES} live-set samples ({@link SeriesKind#AFTER_YOUNG_GC}).</li>
 * </ul>
 * Pause notifications of concurrent collectors ({@code ZGC Pauses}, {@code Shenandoah Pauses}) are ignored.
 * Memory stays bounded: past {@link #MAX_SAMPLES} samples every other one is dropped, and samples older than
 * the window (if any) are dropped. Thread-safe.
 */
public final class LiveSetCollector {
    /** The GC-log reader's threshold, the verdict engine's minimum. */
    public static final int MIN_LIVE_SET_SAMPLES = 8;
    /** Samples kept per series before halving; the engine thins to 2000 points anyway. */
    public static final int MAX_SAMPLES = 4000;

    /** How a collection counts. */
    public enum Kind {
        /** The heap after it is the live set. */
        LIVE,
        /** Part of a G1 marking cycle: its lowest heap is one live-set sample. */
        G1_CYCLE,
        /** A young collection: the heap after it still holds old-generation garbage. */
        YOUNG,
        /** A pause of a concurrent collector: no heap figure of its own. */
        IGNORED
    }

    /** A sample this collector recorded, and whether it is a live-set sample. */
    public record Recorded(Sample sample, boolean liveSet, String collector) {
    }

    private final long windowMillis;
    private final int maxSamples;
    private final List<Sample> live = new ArrayList<>();
    private final List<Sample> all = new ArrayList<>();
    private long collections;
    private long liveTotal;
    private Sample cycleLow;
    private String cycleCollector;
    private boolean lastWasRemark;
    private boolean prepareMixedPending;

    /** Keeps every sample (up to {@link #MAX_SAMPLES}, then every other). */
    public LiveSetCollector() {
        this(0, MAX_SAMPLES);
    }

    /**
     * @param windowMillis keep samples of this last stretch of time only; 0 for all
     * @param maxSamples samples kept per series before every other one is dropped
     */
    public LiveSetCollector(long windowMillis, int maxSamples) {
        if (maxSamples < 2 * MIN_LIVE_SET_SAMPLES) {
            throw new IllegalArgumentException("maxSamples too small: " + maxSamples);
        }
        this.windowMillis = windowMillis;
        this.maxSamples = maxSamples;
    }

    /** How a collection counts, from its collector name, action and the old generation before and after. */
    public static Kind kindOf(GcEvent e) {
        String name = e.collector();
        String action = e.action() == null ? "" : e.action();
        if (name.contains("Pauses")) {
            return Kind.IGNORED;
        }
        if (name.contains("Minor Cycles")) {
            return Kind.YOUNG;
        }
        if (name.contains("Cycles")) {
            return Kind.LIVE;
        }
        if (name.equals("G1 Concurrent GC")) {
            return Kind.G1_CYCLE;
        }
        if (action.contains("major")) {
            return Kind.LIVE;
        }
        if (e.oldAfterBytes() < e.oldBeforeBytes()) {
            return Kind.G1_CYCLE; // the old generation shrank: a mixed collection
        }
        return Kind.YOUNG;
    }

    /** Records one collection; returns the samples it completes (none, one or two), oldest first. */
    public synchronized List<Recorded> accept(GcEvent e) {
        Kind kind = kindOf(e);
        if (kind == Kind.IGNORED) {
            return List.of();
        }
        List<Recorded> out = new ArrayList<>(2);
        collections++;
        Sample s = new Sample(e.endMillis(), e.heapAfterBytes());
        add(all, s);
        boolean remark = e.collector().equals("G1 Concurrent GC");
        switch (kind) {
            case G1_CYCLE:
                if (remark && !lastWasRemark) {
                    endCycle(out);
                    prepareMixedPending = true;
                }
                if (!remark) {
                    prepareMixedPending = false;
                }
                if (cycleLow == null || s.bytes() <= cycleLow.bytes()) {
                    cycleLow = s;
                    cycleCollector = e.collector();
                }
                break;
            case YOUNG:
                if (prepareMixedPending) {
                    prepareMixedPending = false; // "Prepare Mixed": neither ends nor joins the cycle
                } else {
                    endCycle(out);
                }
                break;
            default:
                prepareMixedPending = false;
                endCycle(out);
                add(live, s);
                liveTotal++;
                out.add(new Recorded(s, true, e.collector()));
        }
        lastWasRemark = remark;
        if (kind == Kind.YOUNG || kind == Kind.G1_CYCLE) {
            out.add(new Recorded(s, false, e.collector()));
        }
        dropOld(e.endMillis());
        return out;
    }

    private void endCycle(List<Recorded> out) {
        if (cycleLow != null) {
            add(live, cycleLow);
            liveTotal++;
            out.add(new Recorded(cycleLow, true, cycleCollector));
            cycleLow = null;
        }
    }

    private void add(List<Sample> list, Sample s) {
        list.add(s);
        if (list.size() > maxSamples) {
            List<Sample> kept = new ArrayList<>(list.size() / 2 + 1);
            for (int i = 0; i < list.size(); i += 2) {
                kept.add(list.get(i));
            }
            list.clear();
            list.addAll(kept);
        }
    }

    private void dropOld(long now) {
        if (windowMillis <= 0) {
            return;
        }
        long from = now - windowMillis;
        live.removeIf(x -> x.timeMillis() < from);
        all.removeIf(x -> x.timeMillis() < from);
    }

    /** Heap after the latest collection of any kind, or -1 before the first. */
    public synchronized long latestAfterGcBytes() {
        return all.isEmpty() ? -1 : all.get(all.size() - 1).bytes();
    }

    /** Live-set samples held now. */
    public synchronized int liveSetSamples() {
        return live.size();
    }

    /** Collections seen (pauses of concurrent collectors not counted). */
    public synchronized long collections() {
        return collections;
    }

    /**
     * The series for the verdict: live-set samples when there are at least {@link #MIN_LIVE_SET_SAMPLES}, else
     * the heap after every collection.
     *
     * @param limitBytes the max heap or a given limit, or null
     */
    public synchronized MemorySeries series(Long limitBytes) {
        if (live.size() >= MIN_LIVE_SET_SAMPLES) {
            return new MemorySeries(live, SeriesKind.LIVE_SET, limitBytes, SeriesFormat.GC_NOTIFICATIONS,
                    String.format(Locale.ROOT, "heap after full/mixed collections and marking cycles (%d of %d"
                            + " collections)", liveTotal, collections));
        }
        return new MemorySeries(all, SeriesKind.AFTER_YOUNG_GC, limitBytes, SeriesFormat.GC_NOTIFICATIONS,
                String.format(Locale.ROOT, "heap after every collection (only %d full/mixed/marking collections"
                        + " so far)", liveTotal));
    }
}
