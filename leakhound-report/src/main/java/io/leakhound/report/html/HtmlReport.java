package io.leakhound.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.report.JsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an {@link AnalysisReport} as one self-contained HTML page: summary and verdict, each suspect with its
 * GC-root path drawn as a chain, a treemap of where the memory goes, the top of the dominator tree as an
 * expandable table, the class histogram (sortable, filterable), findings and warnings.
 *
 * <p>The report is embedded as JSON in the shape of the report contract (compact), except that the histogram
 * keeps only the {@link Options#maxClasses} classes that retain the most; the page says so. The page renders
 * it with the scripts of {@link HtmlPage}. Like the other renderers this prints only what the model holds:
 * heap values are redacted when the model is built.
 */
public final class HtmlReport {
    /** Classes of the histogram embedded by default. */
    public static final int DEFAULT_MAX_CLASSES = 5_000;

    /**
     * @param valuesShown whether the analysis ran with {@code --show-values} (the page says which)
     * @param maxClasses how many histogram rows to embed, by retained size
     */
    public record Options(boolean valuesShown, int maxClasses) {
        public Options {
            if (maxClasses < 0) {
                throw new IllegalArgumentException("maxClasses < 0");
            }
        }

        public static Options defaults() {
            return new Options(false, DEFAULT_MAX_CLASSES);
        }
    }

    private HtmlReport() {
    }

    /** Writes the page as UTF-8. Does not close {@code out}. */
    public static void write(AnalysisReport r, Options options, OutputStream out) throws IOException {
        List<ClassRow> histogram = r.histogram();
        List<ClassRow> embedded = histogram.size() <= options.maxClasses() ? histogram
                : histogram.subList(0, options.maxClasses());
        AnalysisReport trimmed = new AnalysisReport(r.tool(), r.dump(), r.heap(), embedded, r.dominators(),
                r.suspects(), r.findings(), r.timings());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonReport.write(trimmed, json, false);
        new HtmlPage("leakhound: " + fileName(r.dump().path()), "analysis.js")
                .data("leakhound-report", json.toString(StandardCharsets.UTF_8))
                .data("leakhound-page", page(options, histogram.size(), embedded.size()))
                .write(out);
    }

    /** What the page needs to know beyond the report: what was left out, and whether values are shown. */
    private static String page(Options options, int classes, int embeddedClasses) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("kind", "analysis");
            g.writeNumberField("histogramClasses", classes);
            g.writeNumberField("histogramEmbedded", embeddedClasses);
            g.writeBooleanField("valuesShown", options.valuesShown());
            g.writeEndObject();
        }
        return w.toString();
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
