package io.leakhound.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.analysis.suspects.HolderNames;
import io.leakhound.report.DiffJsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DiffReport} ({@code leakhound diff OLD NEW --html FILE}) as one self-contained HTML page:
 * what grew most in one sentence with its pattern and advice, growth per holder and per class with
 * before/after bars, a sortable and filterable class table, the new dump's suspects ranked by growth with their
 * GC-root paths, and the warnings of both dumps.
 *
 * <p>The comparison is embedded as the diff JSON (compact), except that the class list keeps only the
 * {@link HtmlReport.Options#maxClasses} classes whose retained size changed the most; the page says so.
 */
public final class DiffHtmlReport {
    private DiffHtmlReport() {
    }

    /** Writes the page as UTF-8. Does not close {@code out}. */
    public static void write(DiffReport r, HtmlReport.Options options, OutputStream out) throws IOException {
        List<DiffReport.ClassDelta> classes = r.classes();
        List<DiffReport.ClassDelta> embedded = classes;
        if (classes.size() > options.maxClasses()) {
            List<DiffReport.ClassDelta> byChange = new ArrayList<>(classes);
            byChange.sort(Comparator.comparingLong((DiffReport.ClassDelta c) -> Math.abs(c.retainedGrowth()))
                    .thenComparingLong(c -> Math.abs(c.instanceGrowth())).reversed());
            embedded = byChange.subList(0, options.maxClasses());
        }
        DiffReport trimmed = new DiffReport(r.tool(), r.oldDump(), r.newDump(), r.oldHeap(), r.newHeap(), embedded,
                r.holders(), r.suspects());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        DiffJsonReport.write(trimmed, json, false);
        new HtmlPage("leakhound diff: " + HtmlReport.fileName(r.oldDump().path()) + " \u2192 "
                + HtmlReport.fileName(r.newDump().path()), "diff.js")
                .data("leakhound-diff", json.toString(StandardCharsets.UTF_8))
                .data("leakhound-page", page(r, options, embedded.size()))
                .write(out);
    }

    /**
     * What the page needs beyond the diff: what was left out, whether values are shown, and for each holder
     * the rank of the new dump's suspect it is (0 when none), found by the holder's name as the diff names it.
     */
    private static String page(DiffReport r, HtmlReport.Options options, int embeddedClasses) throws IOException {
        Map<String, Integer> suspectByHolder = new HashMap<>();
        for (Suspect s : r.suspects()) {
            suspectByHolder.putIfAbsent(HolderNames.of(s.path()), s.rank());
        }
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("kind", "diff");
            g.writeNumberField("classes", r.classes().size());
            g.writeNumberField("classesEmbedded", embeddedClasses);
            g.writeBooleanField("valuesShown", options.valuesShown());
            g.writeArrayFieldStart("holderSuspects");
            for (DiffReport.HolderDelta h : r.holders()) {
                g.writeNumber(suspectByHolder.getOrDefault(h.holder(), 0));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return w.toString();
    }
}
