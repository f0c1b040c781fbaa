package io.leakhound.live.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code time,bytes} CSV. Separator: comma, semicolon or tab. An optional header names the columns: a
 * column called {@code time}, {@code timestamp}, {@code ts} or {@code date} holds the time and one called
 * {@code bytes}, {@code value}, {@code used} or {@code heap} the bytes; without such names the first two
 * columns are used. Times are epoch seconds or milliseconds (told apart by size; small numbers are seconds
 * since start) or ISO-8601; bytes are numbers, optionally with a unit ({@code 512M}). Blank lines and
 * {@code #} comments are skipped; any other line that does not parse is an error. The series is read as
 * {@link SeriesKind#RAW_USAGE} (its lower envelope is the series itself when it has no sawtooth).
 */
final class CsvReader implements SeriesReader {
    private static final Set<String> TIME_NAMES = Set.of("time", "timestamp", "ts", "date", "t");
    private static final Set<String> BYTES_NAMES = Set.of("bytes", "value", "used", "heap", "memory", "size");

    @Override
    public MemorySeries read(BufferedReader in, String name, ReadOptions options) throws IOException {
        List<Sample> samples = new ArrayList<>();
        int timeCol = 0;
        int bytesCol = 1;
        boolean first = true;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] cells = split(l);
            if (first) {
                first = false;
                if (isHeader(cells)) {
                    for (int i = 0; i < cells.length; i++) {
                        String c = unquote(cells[i]).toLowerCase(Locale.ROOT);
                        if (TIME_NAMES.contains(c)) {
                            timeCol = i;
                        } else if (BYTES_NAMES.contains(c) || c.startsWith("bytes")) {
                            bytesCol = i;
                        }
                    }
                    continue;
                }
            }
            if (cells.length <= Math.max(timeCol, bytesCol)) {
                throw new SeriesFormatException(name + ": line " + lineNo + ": expected time,bytes");
            }
            try {
                samples.add(new Sample(Timestamps.parseMillis(unquote(cells[timeCol])),
                        ByteSizes.parse(unquote(cells[bytesCol]))));
            } catch (IllegalArgumentException e) {
                throw new SeriesFormatException(name + ": line " + lineNo + ": " + e.getMessage());
            }
        }
        if (samples.isEmpty()) {
            throw new SeriesFormatException(name + ": no time,bytes lines");
        }
        return new MemorySeries(samples, SeriesKind.RAW_USAGE, null, SeriesFormat.CSV, "bytes from CSV");
    }

    static String[] split(String line) {
        String sep = line.indexOf(',') >= 0 ? "," : line.indexOf(';') >= 0 ? ";" : "\t";
        String[] cells = line.split(sep, -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static boolean isHeader(String[] cells) {
        for (String c : cells) {
            String u = unquote(c);
            if (!u.isEmpty() && Character.isLetter(u.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
