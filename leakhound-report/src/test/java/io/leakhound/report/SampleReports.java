package io.leakhound.report;

import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.DominatorRow;
import io.leakhound.analysis.model.DumpInfo;
import io.leakhound.analysis.model.Finding;
import io.leakhound.analysis.model.HeapSummary;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.model.PhaseTiming;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.analysis.model.ToolInfo;
import java.util.ArrayList;
import java.util.List;

/** Report models for renderer tests, without a dump. */
public final class SampleReports {
    private SampleReports() {
    }

    /** A report shaped like a large service's: {@code classes} classes, 20 dominators, one suspect. */
    public static AnalysisReport report(int classes, String evilName) {
        List<ClassRow> histogram = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            histogram.add(new ClassRow("com.example.generated.pkg" + (i % 97) + ".SomeFairlyLongClassName" + i,
                    1000 + i, 24_000L + i, 1_000_000L - i));
        }
        histogram.set(7, new ClassRow(evilName, 1, 16, 999_999));
        PathStep root = new PathStep("root", "class com.acme.Cache", null, null, "0x1000", "class com.acme.Cache",
                "sticky-class", null, null);
        PathStep field = new PathStep("static-field", "com.acme.Cache", "ENTRIES", null, "0x2000",
                "java.util.HashMap", null, null, null);
        List<DominatorRow> dominators = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dominators.add(new DominatorRow("0x" + Integer.toHexString(0x3000 + i), i == 3 ? evilName : "com.acme.D" + i,
                    32, 50_000_000L / (i + 1), List.of(root, field),
                    List.of(new DominatorRow.DominatedChild("0x9" + i, "java.util.HashMap$Node[]", 10_000_000L / (i + 1),
                            field))));
        }
        Suspect suspect = new Suspect(1, "static Cache.ENTRIES (java.util.HashMap) retains 47.7 MB", "unbounded-collection",
                50_000_000L, 0.8, List.of(root, field), new Suspect.Accumulation("0x2100", "java.util.HashMap$Node[]",
                12_345, List.of(new Suspect.ElementClass("com.acme.Entry", 12_345, 40_000_000L))),
                "Bound it & evict <soon>.");
        return new AnalysisReport(new ToolInfo("leakhound", "0.1.0"),
                new DumpInfo("/tmp/" + evilName + "/app.hprof", 123_456_789L, "JAVA PROFILE 1.0.2", 8, false,
                        1_700_000_000_000L, "compressed references", true, List.of("dump truncated: lost 12 bytes")),
                new HeapSummary(1_000_000, classes, 900, 62_500_000L, 999_000, 62_000_000L, 1000, 500_000L, 10,
                        1000, 900_000, 50_000, 49_000, classes, 2_000_000),
                histogram, dominators, List.of(suspect),
                List.of(new Finding("duplicate-strings", "info", "12 duplicate strings " + evilName, 1234,
                        List.of("0x1"))),
                List.of(new PhaseTiming("index", 1.5)));
    }


    /** The same report with no suspects. */
    public static AnalysisReport withoutSuspects(AnalysisReport r) {
        return new AnalysisReport(r.tool(), r.dump(), r.heap(), r.histogram(), r.dominators(), List.of(), r.findings(),
                r.timings());
    }
}
