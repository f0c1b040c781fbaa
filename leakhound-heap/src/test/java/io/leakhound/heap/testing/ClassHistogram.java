package io.leakhound.heap.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

/**
 * HotSpot's own class histogram (what {@code jcmd PID GC.class_histogram} prints), taken in-process through the
 * DiagnosticCommand MBean and parsed: the independent count the tests compare the index against.
 */
public final class ClassHistogram {
    /** Instances and bytes of one class. */
    public record Row(long instances, long bytes) {
    }

    private ClassHistogram() {
    }

    /** Takes the histogram of the running JVM (this forces a full GC) and writes it to a file. */
    public static void write(Path file) throws Exception {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Files.writeString(file, (String) out);
    }

    /** Parses a histogram file: class name (source form, module suffix removed) → row. */
    public static Map<String, Row> read(Path file) throws IOException {
        Map<String, Row> rows = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            rows.put(sourceName(f[3]), new Row(Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        return rows;
    }

    private static String sourceName(String jvm) {
        if (!jvm.startsWith("[")) {
            return jvm;
        }
        int dims = 0;
        while (jvm.charAt(dims) == '[') {
            dims++;
        }
        String e = jvm.substring(dims);
        String base = switch (e) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> e.startsWith("L") && e.endsWith(";") ? e.substring(1, e.length() - 1) : e;
        };
        return base + "[]".repeat(dims);
    }
}
