package io.leakhound.live.series;

import java.util.regex.Pattern;

/**
 * Tells a series file's format from its first lines. In order: a JSON document with {@code resultType} or
 * {@code status} and {@code data} or {@code errorType} is Prometheus; JSON with {@code HeapAlloc} or {@code memstats} is Go MemStats; a
 * line starting with a {@code [...]} decoration and naming a GC ({@code GC(n)}, {@code [gc}, {@code Using})
 * is a GC log; a {@code YYYY-MM-DD HH:MM:SS: N} line is Lua; lines of two or more separated cells ending in
 * a number are CSV. Returns null when nothing fits.
 */
public final class FormatDetector {
    /** How much of a file's start is looked at. */
    public static final int HEAD_CHARS = 64 * 1024;

    private static final Pattern GC_LINE = Pattern.compile("^\\[[^\\]]+\\].*(\\[gc|GC\\(\\d+\\)).*");
    private static final Pattern CSV_LINE = Pattern.compile("^[^,;\\t]+([,;\\t][^,;\\t]*)+$");

    private FormatDetector() {
    }

    /** The format of a file that starts with {@code head}, or null. */
    public static SeriesFormat detect(String head) {
        String text = head.strip();
        if (text.startsWith("{")) {
            if (text.contains("\"resultType\"")
                    || text.contains("\"status\"") && (text.contains("\"data\"") || text.contains("\"errorType\""))) {
                return SeriesFormat.PROMETHEUS;
            }
            if (text.contains("\"HeapAlloc\"") || text.contains("\"memstats\"")) {
                return SeriesFormat.GO_MEMSTATS;
            }
            return null;
        }
        int gc = 0;
        int lua = 0;
        int csv = 0;
        int lines = 0;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (++lines > 200) {
                break;
            }
            if (GC_LINE.matcher(l).matches()) {
                gc++;
            } else if (LuaLogReader.LINE.matcher(l).matches()) {
                lua++;
            } else if (CSV_LINE.matcher(l).matches() && endsInNumber(l)) {
                csv++;
            }
        }
        if (gc > 0) {
            return SeriesFormat.GC_LOG;
        }
        if (lua > 0 && lua >= csv) {
            return SeriesFormat.LUA;
        }
        return csv > 0 ? SeriesFormat.CSV : null;
    }

    private static boolean endsInNumber(String line) {
        String[] cells = CsvReader.split(line);
        String last = cells[cells.length - 1].replace("\"", "");
        return !last.isEmpty() && (Character.isDigit(last.charAt(0)) || last.charAt(0) == '.');
    }
}
