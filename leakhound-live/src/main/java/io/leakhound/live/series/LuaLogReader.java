package io.leakhound.live.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Lua memory logs: one {@code YYYY-MM-DD HH:MM:SS: N KB} line per sample, as a logger of
 * {@code collectgarbage("count")} writes them ({@code os.date("%Y-%m-%d %H:%M:%S") .. ": " .. n .. " KB"}).
 * Tolerated: fractional seconds, {@code T} between date and time, decimals, {@code KB}/{@code kb}/{@code K},
 * {@code MB} or {@code B}, and no unit at all (read as KB, the unit of {@code collectgarbage("count")}).
 * Other lines are skipped. The count includes garbage not yet collected, so the series is
 * {@link SeriesKind#RAW_USAGE}.
 */
final class LuaLogReader implements SeriesReader {
    static final Pattern LINE = Pattern.compile(
            "^\\s*(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)\\s*:\\s*(\\d+(?:\\.\\d+)?)\\s*"
                    + "(kib|kb|k|mib|mb|m|b|bytes)?\\s*$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public MemorySeries read(BufferedReader in, String name, ReadOptions options) throws IOException {
        List<Sample> samples = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long time = Timestamps.parseMillis(m.group(1).replace(',', '.'));
            String unit = m.group(3) == null ? "K" : m.group(3).toUpperCase(java.util.Locale.ROOT);
            long bytes = ByteSizes.toBytes(m.group(2), unit.equals("BYTES") ? "B" : unit);
            samples.add(new Sample(time, bytes));
        }
        if (samples.isEmpty()) {
            throw new SeriesFormatException(name + ": no 'YYYY-MM-DD HH:MM:SS: N KB' lines");
        }
        return new MemorySeries(samples, SeriesKind.RAW_USAGE, null, SeriesFormat.LUA,
                "Lua memory in use (collectgarbage(\"count\"))");
    }
}
