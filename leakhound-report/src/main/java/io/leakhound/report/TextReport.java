package io.leakhound.report;

import io.leakhound.analysis.Units;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.DominatorRow;
import io.leakhound.analysis.model.DumpInfo;
import io.leakhound.analysis.model.Finding;
import io.leakhound.analysis.model.HeapSummary;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.model.Suspect;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/** The terminal summary of an analysis: totals, top classes, top dominators with their paths. */
public final class TextReport {
    private final PrintStream out;
    private final Style style;
    private final int top;

    /**
     * @param color whether to use ANSI colors (only when stdout is a terminal)
     * @param top how many rows per table
     */
    public TextReport(PrintStream out, boolean color, int top) {
        this.out = out;
        this.style = new Style(color);
        this.top = top;
    }

    public void render(AnalysisReport r) {
        DumpInfo d = r.dump();
        HeapSummary h = r.heap();
        out.println(style.bold("leakhound " + r.tool().version()) + " — " + d.path());
        out.printf("  %s%s, %s, %d-byte ids, %s%n", Units.bytes(d.bytes()), d.compressed() ? " (gzip)" : "",
                d.format(), d.idSize(), d.sizeModel());
        if (!d.warnings().isEmpty()) {
            out.println();
            out.println(style.yellow("Warnings"));
            for (String w : d.warnings()) {
                out.println("  ! " + w);
            }
        }
        out.println();
        out.println(verdict(r));
        out.println();
        out.println(style.bold("Heap"));
        out.printf("  %s objects in %s classes, %s shallow, %s GC roots%n", Units.count(h.objects()),
                Units.count(h.classes()), Units.bytes(h.shallowBytes()), Units.count(h.gcRoots()));
        out.printf("  reachable     %14s objects  %10s%n", Units.count(h.reachableObjects()),
                Units.bytes(h.reachableBytes()));
        out.printf("  unreachable   %14s objects  %10s", Units.count(h.unreachableObjects()),
                Units.bytes(h.unreachableBytes()));
        if (h.weaklyReachableObjects() > 0) {
            out.printf("  (of which weakly reachable: %s objects, %s)", Units.count(h.weaklyReachableObjects()),
                    Units.bytes(h.weaklyReachableBytes()));
        }
        out.println();
        suspects(r.suspects());
        findings(r.findings());
        classTable("Top classes by retained size", r.histogram(), h);
        List<ClassRow> byShallow = r.histogram().stream()
                .sorted(Comparator.comparingLong(ClassRow::shallowBytes).reversed()).toList();
        classTable("Top classes by shallow size", byShallow, h);
        dominators(r.dominators(), h);
    }

    /** One line a person reads first: leak or no leak, and how much the top suspect holds. */
    String verdict(AnalysisReport r) {
        List<Suspect> s = r.suspects();
        String caveat = r.dump().truncated() ? style.yellow(" — but the dump is truncated, so this may be incomplete")
                : "";
        if (s.isEmpty()) {
            return style.bold("Verdict: ") + style.green("no leak suspects")
                    + " (nothing retains a large share of the heap)" + caveat;
        }
        Suspect top = s.get(0);
        String count = s.size() == 1 ? "1 leak suspect" : s.size() + " leak suspects";
        return style.bold("Verdict: ") + style.red(count) + "; the top one retains " + Units.bytes(top.retainedBytes())
                + " (" + Units.percent(top.heapShare()) + " of the heap): see #1 below" + caveat;
    }

    private void suspects(List<Suspect> suspects) {
        out.println();
        if (suspects.isEmpty()) {
            out.println(style.bold("Leak suspects") + ": none (no object or region retains a large share of the heap)");
            return;
        }
        out.println(style.bold("Leak suspects"));
        for (Suspect s : suspects) {
            out.println();
            String pattern = s.pattern() == null ? "" : style.yellow("[" + s.pattern() + "] ");
            out.println("  " + style.bold("#" + s.rank()) + " " + pattern + s.title());
            for (String line : PathText.lines(s.path())) {
                out.println("       " + line);
            }
            Suspect.Accumulation a = s.accumulation();
            if (a != null) {
                out.printf("     accumulates in %s %s: %s elements%n", style.cyan(a.className()), a.id(),
                        Units.count(a.elements()));
                if (!a.elementClasses().isEmpty()) {
                    out.printf("       %10s %14s   %s%n", "retained", "instances", "element class");
                }
                for (Suspect.ElementClass e : a.elementClasses()) {
                    out.printf("       %10s %14s × %s%n", Units.bytes(e.retainedBytes()), Units.count(e.instances()),
                            e.className());
                }
            }
            out.println("     " + style.bold("fix:") + " " + wrap(s.advice(), 100, "          "));
        }
    }

    /** Wraps text at spaces to {@code width} columns, indenting continuation lines. */
    static String wrap(String text, int width, String indent) {
        StringBuilder b = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > width) {
                b.append('\n').append(indent);
                col = 0;
            } else if (col > 0) {
                b.append(' ');
                col++;
            }
            b.append(word);
            col += word.length();
        }
        return b.toString();
    }

    private void findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        out.println();
        out.println(style.bold("Waste") + " (not leaks: memory that could be saved)");
        for (Finding f : findings) {
            out.printf("  %10s  %s%n", Units.bytes(f.bytes()), wrap(f.pattern() + ": " + f.message(), 100,
                    "              "));
        }
    }

    private void classTable(String title, List<ClassRow> rows, HeapSummary h) {
        out.println();
        out.println(style.bold(title));
        out.printf("  %10s %7s %10s %14s  %s%n", "retained", "share", "shallow", "instances", "class");
        for (ClassRow c : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf("  %10s %7s %10s %14s  %s%n", Units.bytes(c.retainedBytes()),
                    Units.percent(share(c.retainedBytes(), h)), Units.bytes(c.shallowBytes()),
                    Units.count(c.instances()), c.className());
        }
    }

    private static double share(long bytes, HeapSummary h) {
        return h.reachableBytes() == 0 ? 0 : (double) bytes / h.reachableBytes();
    }

    private void dominators(List<DominatorRow> rows, HeapSummary h) {
        out.println();
        out.println(style.bold("Top dominators") + " (objects that alone keep the most memory alive)");
        int i = 1;
        for (DominatorRow d : rows) {
            out.printf("  %2d. %s %s  retains %s (%s)%n", i++, style.cyan(d.className()), d.id(),
                    Units.bytes(d.retainedBytes()), Units.percent(share(d.retainedBytes(), h)));
            for (String line : PathText.lines(d.path())) {
                out.println("        " + line);
            }
            for (DominatorRow.DominatedChild c : d.children()) {
                if (c.retainedBytes() * 10 < d.retainedBytes()) {
                    continue;
                }
                String via = c.via() == null ? c.className() + " (held indirectly)" : PathText.describe(c.via());
                out.printf("        retains %s (%s of it) through %s%n", Units.bytes(c.retainedBytes()),
                        Units.percent((double) c.retainedBytes() / Math.max(1, d.retainedBytes())), via);
            }
        }
    }

    /** ANSI styling that is a no-op when color is off. */
    static final class Style {
        private final boolean on;

        Style(boolean on) {
            this.on = on;
        }

        String bold(String s) {
            return on ? "\u001b[1m" + s + "\u001b[0m" : s;
        }

        String yellow(String s) {
            return on ? "\u001b[33m" + s + "\u001b[0m" : s;
        }

        String red(String s) {
            return on ? "\u001b[31m" + s + "\u001b[0m" : s;
        }

        String green(String s) {
            return on ? "\u001b[32m" + s + "\u001b[0m" : s;
        }

        String cyan(String s) {
            return on ? "\u001b[36m" + s + "\u001b[0m" : s;
        }
    }

    /** Formats a path as indented lines, root first. */
    public static final class PathText {
        private PathText() {
        }

        public static List<String> lines(List<PathStep> path) {
            java.util.ArrayList<String> lines = new java.util.ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                PathStep s = path.get(i);
                String indent = i == 0 ? "" : "  ".repeat(Math.min(i - 1, 12)) + "└─ ";
                lines.add(indent + describe(s));
            }
            return lines;
        }

        static String describe(PathStep s) {
            return switch (s.kind()) {
                case "root" -> {
                    StringBuilder b = new StringBuilder("GC root (" + s.rootKind() + ") " + s.className());
                    if (s.thread() != null) {
                        b.append(" in ").append(s.thread());
                    }
                    if (s.method() != null) {
                        b.append(" at ").append(s.method());
                    }
                    yield b.toString();
                }
                case "static-field" -> "static " + s.className() + "." + s.field() + " → " + s.targetClass();
                case "array-element" -> s.className() + "[" + s.index() + "] → " + s.targetClass();
                default -> s.className() + "." + s.field() + " → " + s.targetClass();
            };
        }
    }
}
