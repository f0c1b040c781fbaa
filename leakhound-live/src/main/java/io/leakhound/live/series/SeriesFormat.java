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
    CSV("csv");

    private final String id;

    SeriesFormat(String id) {
        this.id = id;
    }

    /** The name on the command line and in output. */
    public String id() {
        return id;
    }

    /** The format with this id, ignoring case. */
    public static SeriesFormat of(String id) {
        for (SeriesFormat f : values()) {
            if (f.id.equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "' (one of " + ids() + ")");
    }

    /** All ids, comma separated. */
    public static String ids() {
        return Arrays.stream(values()).map(SeriesFormat::id).collect(Collectors.joining(", "));
    }
}
