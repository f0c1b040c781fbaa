package io.leakhound.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.analysis.model.DiffReport;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link DiffReport} as JSON (see the diff section of the report contract), streaming. */
public final class DiffJsonReport {
    private DiffJsonReport() {
    }

    /** Writes the comparison pretty-printed. */
    public static void write(DiffReport r, OutputStream out) throws IOException {
        write(r, out, true);
    }

    /** Writes the comparison; {@code pretty = false} leaves out all whitespace (the HTML diff page embeds it so). */
    public static void write(DiffReport r, OutputStream out, boolean pretty) throws IOException {
        try (JsonGenerator g = JsonReport.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            JsonReport.tool(g, r.tool());
            JsonReport.dump(g, "oldDump", r.oldDump());
            JsonReport.dump(g, "newDump", r.newDump());
            JsonReport.heap(g, "oldHeap", r.oldHeap());
            JsonReport.heap(g, "newHeap", r.newHeap());
            g.writeArrayFieldStart("classes");
            for (DiffReport.ClassDelta c : r.classes()) {
                g.writeStartObject();
                g.writeStringField("class", c.className());
                g.writeNumberField("oldInstances", c.oldInstances());
                g.writeNumberField("newInstances", c.newInstances());
                g.writeNumberField("oldShallowBytes", c.oldShallowBytes());
                g.writeNumberField("newShallowBytes", c.newShallowBytes());
                g.writeNumberField("oldRetainedBytes", c.oldRetainedBytes());
                g.writeNumberField("newRetainedBytes", c.newRetainedBytes());
                g.writeNumberField("retainedGrowth", c.retainedGrowth());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("holders");
            for (DiffReport.HolderDelta h : r.holders()) {
                g.writeStartObject();
                g.writeStringField("holder", h.holder());
                g.writeStringField("class", h.className());
                g.writeStringField("pattern", h.pattern());
                g.writeBooleanField("foundInOld", h.found());
                g.writeNumberField("oldRetainedBytes", h.oldRetainedBytes());
                g.writeNumberField("newRetainedBytes", h.newRetainedBytes());
                g.writeNumberField("retainedGrowth", h.retainedGrowth());
                if (h.oldElements() >= 0) {
                    g.writeNumberField("oldElements", h.oldElements());
                }
                if (h.newElements() >= 0) {
                    g.writeNumberField("newElements", h.newElements());
                }
                g.writeStringField("title", h.title());
                JsonReport.path(g, "path", h.path());
                g.writeEndObject();
            }
            g.writeEndArray();
            JsonReport.suspects(g, r.suspects());
            g.writeEndObject();
            if (pretty) {
                g.writeRaw('\n');
            }
        }
    }
}
