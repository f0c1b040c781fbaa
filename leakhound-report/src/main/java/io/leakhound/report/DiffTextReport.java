package io.leakhound.report;

import io.leakhound.analysis.Units;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.analysis.model.HeapSummary;
import io.leakhound.analysis.model.Suspect;
import java.io.PrintStream;

/** The terminal summary of a comparison: totals, holders by growth, classes by growth, suspects by growth. */
public final class DiffTextReport {
    private final PrintStream out;
    private final TextReport.Style style;
    private final int top;

    public DiffTextReport(PrintStream out, boolean color, int top) {
        this.out = out;
        this.style = new TextReport.Style(color);
        this.top = top;
    }

    public void render(DiffReport r) {
        out.println(style.bold("leakhound " + r.tool().version() + " diff"));
        out.println("  old: " + r.oldDump().path() + " (" + Units.bytes(r.oldDump().bytes()) + ")");
        out.println("  new: " + r.newDump().path() + " (" + Units.bytes(r.newDump().bytes()) + ")");
        HeapSummary o = r.oldHeap();
        HeapSummary n = r.newHeap();
        out.println();
        out.println(style.bold("Heap"));
        out.printf("  reachable  %10s → %10s  %11s   %14s → %14s objects%n", Units.bytes(o.reachableBytes()),
                Units.bytes(n.reachableBytes()), signedBytes(n.reachableBytes() - o.reachableBytes()),
                Units.count(o.reachableObjects()), Units.count(n.reachableObjects()));
        out.println();
        out.println(style.bold("What grew, by holder") + " (matched across the dumps by their path)");
        int shown = 0;
        for (DiffReport.HolderDelta h : r.holders()) {
            if (shown++ >= top) {
                break;
            }
            String pattern = h.pattern() == null ? "" : style.yellow("[" + h.pattern() + "] ");
            out.printf("  %11s  %s%s%n", signedBytes(h.retainedGrowth()), pattern, h.title());
        }
        out.println();
        out.println(style.bold("What grew, by class"));
        out.printf("  %11s %10s %16s %16s  %s%n", "retained", "now", "instances", "now", "class");
        shown = 0;
        for (DiffReport.ClassDelta c : r.classes()) {
            if (shown++ >= top) {
                break;
            }
            out.printf("  %11s %10s %16s %16s  %s%n", signedBytes(c.retainedGrowth()),
                    Units.bytes(c.newRetainedBytes()), signedCount(c.instanceGrowth()), Units.count(c.newInstances()),
                    c.className());
        }
        out.println();
        if (r.suspects().isEmpty()) {
            out.println(style.bold("Leak suspects in the new dump") + ": none");
            return;
        }
        out.println(style.bold("Leak suspects in the new dump, by growth"));
        for (Suspect s : r.suspects()) {
            String pattern = s.pattern() == null ? "" : style.yellow("[" + s.pattern() + "] ");
            out.println("  #" + s.rank() + " " + pattern + s.title());
            out.println("     " + style.bold("fix:") + " " + TextReport.wrap(s.advice(), 100, "          "));
        }
    }

    static String signedBytes(long delta) {
        return (delta >= 0 ? "+" : "−") + Units.bytes(Math.abs(delta));
    }

    static String signedCount(long delta) {
        return (delta >= 0 ? "+" : "−") + Units.count(Math.abs(delta));
    }
}
