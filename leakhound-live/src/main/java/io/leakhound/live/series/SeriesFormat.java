package io.leakhound.live.series;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The file formats {@link SeriesFiles} reads; {@link #AUTO} detects the format from the file's start. */
public enum SeriesFormat {
    AUTO("auto"),
    /** JVM unified logging ({@code -Xlog:gc} or {@code -Xlog:gc*}), any collector. */
    GC_LOG("gc-log"),
    /** {@code YYYY-MM-DD HH:MM:SS: N KB} lines from a {@code collectgarbage("count")} logger. */
    LUA("lua"),
    /** JSON lines of Go {@code runtime.MemStats}, alone or under {@code "memstats"} as expvar serves them. */
    GO_MEMSTATS("go-memstats"),
    /** The JSON answer of a Prometheus {@code /api/v1/query_range} call. */
    PROMETHEUS("prometheus"),
    /** {@code time,bytes} lines, header optional. */
    CSV("csv"),
    /** Not a file: GC notifications of a running JVM, as {@code leakhound watch} and the agent receive them. */
    GC_NOTIFICATIONS("gc-notifications", false);

    private final String id;
    private final boolean file;

    SeriesFormat(String id) {
        this(id, true);
    }

    SeriesFormat(String id, boolean file) {
        this.id = id;
        this.file = file;
    }

    /** The name on the command line and in output. */
    public String id() {
        return id;
    }

    /** The file format with this id, ignoring case. */
    public static SeriesFormat of(String id) {
        for (SeriesFormat f : values()) {
            if (f.file && f.id.equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "' (one of " + ids() + ")");
    }

    /** All file format ids, comma separated. */
    public static String ids() {
        return Arrays.stream(values()).filter(f -> f.file).map(SeriesFormat::id).collect(Collectors.joining(", "));
    }
}
