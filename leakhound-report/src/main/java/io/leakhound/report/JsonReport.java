package io.leakhound.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes an {@link AnalysisReport} as JSON in the shape of the report contract, streaming. */
public final class JsonReport {
    static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {
    }

    /** Writes the report pretty-printed, for people and scripts alike. */
    public static void write(AnalysisReport r, OutputStream out) throws IOException {
        write(r, out, true);
    }

    /**
     * Writes the report; {@code pretty = false} leaves out all whitespace (the HTML report embeds it so, to
     * stay small).
     */
    public static void write(AnalysisReport r, OutputStream out, boolean pretty) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            tool(g, r.tool());
            dump(g, r.dump());
            heap(g, r.heap());
            g.writeArrayFieldStart("histogram");
            for (ClassRow c : r.histogram()) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("instances", c.instances());
                g.writeNumberField("shallowBytes", c.shallowBytes());
                g.writeNumberField("retainedBytes", c.retainedBytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("dominators");
            for (DominatorRow d : r.dominators()) {
                g.writeStartObject();
                g.writeStringField("id", d.id());
                g.writeStringField("class", d.className());
                g.writeNumberField("shallowBytes", d.shallowBytes());
                g.writeNumberField("retainedBytes", d.retainedBytes());
                path(g, "path", d.path());
                g.writeArrayFieldStart("children");
                for (DominatorRow.DominatedChild c : d.children()) {
                    g.writeStartObject();
                    g.writeStringField("id", c.id());
                    g.writeStringField("class", c.className());
                    g.writeNumberField("retainedBytes", c.retainedBytes());
                    if (c.via() != null) {
                        path(g, "via", List.of(c.via()));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            suspects(g, r.suspects());
            findings(g, r.findings());
            g.writeArrayFieldStart("timings");
            for (PhaseTiming t : r.timings()) {
                g.writeStartObject();
                g.writeStringField("phase", t.phase());
                g.writeNumberField("seconds", Math.round(t.seconds() * 1000) / 1000.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            if (pretty) {
                g.writeRaw('\n');
            }
        }
    }

    static void tool(JsonGenerator g, ToolInfo tool) throws IOException {
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", tool.name());
        g.writeStringField("version", tool.version());
        g.writeEndObject();
    }

    private static void dump(JsonGenerator g, DumpInfo d) throws IOException {
        dump(g, "dump", d);
    }

    static void dump(JsonGenerator g, String name, DumpInfo d) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("path", d.path());
        g.writeNumberField("bytes", d.bytes());
        g.writeStringField("format", d.format());
        g.writeNumberField("idSize", d.idSize());
        g.writeBooleanField("gzip", d.compressed());
        g.writeNumberField("timestampMillis", d.timestampMillis());
        g.writeStringField("sizeModel", d.sizeModel());
        g.writeBooleanField("truncated", d.truncated());
        g.writeArrayFieldStart("warnings");
        for (String w : d.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void heap(JsonGenerator g, HeapSummary h) throws IOException {
        heap(g, "heap", h);
    }

    static void heap(JsonGenerator g, String name, HeapSummary h) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("objects", h.objects());
        g.writeNumberField("classes", h.classes());
        g.writeNumberField("gcRoots", h.gcRoots());
        g.writeNumberField("shallowBytes", h.shallowBytes());
        g.writeNumberField("reachableObjects", h.reachableObjects());
        g.writeNumberField("reachableBytes", h.reachableBytes());
        g.writeNumberField("unreachableObjects", h.unreachableObjects());
        g.writeNumberField("unreachableBytes", h.unreachableBytes());
        g.writeNumberField("weaklyReachableObjects", h.weaklyReachableObjects());
        g.writeNumberField("weaklyReachableBytes", h.weaklyReachableBytes());
        g.writeNumberField("instances", h.instances());
        g.writeNumberField("objectArrays", h.objectArrays());
        g.writeNumberField("primitiveArrays", h.primitiveArrays());
        g.writeNumberField("classObjects", h.classObjects());
        g.writeNumberField("references", h.references());
        g.writeEndObject();
    }

    static void path(JsonGenerator g, String name, List<PathStep> steps) throws IOException {
        g.writeArrayFieldStart(name);
        for (PathStep s : steps) {
            g.writeStartObject();
            g.writeStringField("kind", s.kind());
            g.writeStringField("class", s.className());
            if (s.field() != null) {
                g.writeStringField("field", s.field());
            }
            if (s.index() != null) {
                g.writeNumberField("index", s.index());
            }
            g.writeStringField("id", s.id());
            if (s.targetClass() != null) {
                g.writeStringField("targetClass", s.targetClass());
            }
            if (s.rootKind() != null) {
                g.writeStringField("rootKind", s.rootKind());
            }
            if (s.thread() != null) {
                g.writeStringField("thread", s.thread());
            }
            if (s.method() != null) {
                g.writeStringField("method", s.method());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void suspects(JsonGenerator g, List<Suspect> suspects) throws IOException {
        g.writeArrayFieldStart("suspects");
        for (Suspect s : suspects) {
            g.writeStartObject();
            g.writeNumberField("rank", s.rank());
            g.writeStringField("title", s.title());
            g.writeStringField("pattern", s.pattern());
            g.writeNumberField("retainedBytes", s.retainedBytes());
            g.writeNumberField("heapShare", s.heapShare());
            path(g, "path", s.path());
            if (s.accumulation() != null) {
                Suspect.Accumulation a = s.accumulation();
                g.writeObjectFieldStart("accumulation");
                g.writeStringField("id", a.id());
                g.writeStringField("class", a.className());
                g.writeNumberField("elements", a.elements());
                g.writeArrayFieldStart("elementClasses");
                for (Suspect.ElementClass e : a.elementClasses()) {
                    g.writeStartObject();
                    g.writeStringField("class", e.className());
                    g.writeNumberField("instances", e.instances());
                    g.writeNumberField("retainedBytes", e.retainedBytes());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeStringField("advice", s.advice());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void findings(JsonGenerator g, List<Finding> findings) throws IOException {
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("pattern", f.pattern());
            g.writeStringField("severity", f.severity());
            g.writeStringField("message", f.message());
            g.writeNumberField("bytes", f.bytes());
            g.writeArrayFieldStart("ids");
            for (String id : f.ids()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
