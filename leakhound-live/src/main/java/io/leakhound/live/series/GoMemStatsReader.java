package io.leakhound.live.series;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Go {@code runtime.MemStats} snapshots: a sequence of JSON objects (one per line, or pretty-printed as
 * {@code curl /debug/vars} appends them), each either an expvar document with a {@code "memstats"} member or
 * a MemStats object itself.
 *
 * <p>The value is {@code HeapAlloc}: bytes of allocated heap objects, reachable or not yet swept, so the series
 * is a sawtooth ({@link SeriesKind#RAW_USAGE}) whose troughs are the live heap. The time of a sample is, in
 * order: a {@code time}/{@code timestamp}/{@code ts} member (epoch seconds or milliseconds, or ISO-8601) of
 * the document or of memstats; else the sample's index times {@link ReadOptions#interval()}; else
 * {@code LastGC} (epoch nanoseconds of the last collection): samples sharing one {@code LastGC} become one,
 * with the smallest {@code HeapAlloc} (the one taken closest after that collection).
 */
final class GoMemStatsReader implements SeriesReader {
    private static final List<String> TIME_FIELDS = List.of("time", "timestamp", "ts", "Time", "Timestamp");

    @Override
    public MemorySeries read(BufferedReader in, String name, ReadOptions options) throws IOException {
        List<long[]> raw = new ArrayList<>(); // {time or -1, heapAlloc, lastGC}
        int index = 0;
        try (MappingIterator<JsonNode> docs = new ObjectMapper().readerFor(JsonNode.class).readValues(in)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                JsonNode stats = doc.has("memstats") ? doc.get("memstats") : doc;
                JsonNode alloc = stats.get("HeapAlloc");
                if (alloc == null || !alloc.isNumber()) {
                    throw new SeriesFormatException(name + ": document " + index + " has no numeric HeapAlloc");
                }
                long time = timeOf(doc, stats, name, index);
                long lastGc = stats.path("LastGC").asLong(0);
                raw.add(new long[] {time, alloc.asLong(), lastGc});
            }
        } catch (JsonProcessingException e) {
            throw new SeriesFormatException(name + ": not JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (raw.isEmpty()) {
            throw new SeriesFormatException(name + ": no MemStats documents");
        }
        boolean timed = raw.stream().allMatch(r -> r[0] >= 0);
        List<Sample> samples = new ArrayList<>();
        String timing;
        if (timed) {
            raw.forEach(r -> samples.add(new Sample(r[0], r[1])));
            timing = "sample times";
        } else if (options.interval() != null) {
            long step = options.interval().toMillis();
            for (int i = 0; i < raw.size(); i++) {
                samples.add(new Sample(i * step, raw.get(i)[1]));
            }
            timing = "one sample every " + step + " ms";
        } else {
            Map<Long, Long> byGc = new LinkedHashMap<>();
            for (long[] r : raw) {
                if (r[2] > 0) {
                    byGc.merge(r[2], r[1], Math::min);
                }
            }
            if (byGc.isEmpty()) {
                throw new SeriesFormatException(name + ": no time field and no LastGC; pass --interval");
            }
            byGc.forEach((gc, bytes) -> samples.add(new Sample(gc / 1_000_000, bytes)));
            timing = "times of LastGC";
        }
        return new MemorySeries(samples, SeriesKind.RAW_USAGE, null, SeriesFormat.GO_MEMSTATS,
                "Go HeapAlloc (" + timing + ")");
    }

    private static long timeOf(JsonNode doc, JsonNode stats, String name, int index) {
        for (JsonNode holder : List.of(doc, stats)) {
            for (String f : TIME_FIELDS) {
                JsonNode t = holder.get(f);
                if (t == null || t.isNull()) {
                    continue;
                }
                try {
                    return t.isNumber() ? Timestamps.numberMillis(t.asDouble()) : Timestamps.parseMillis(t.asText());
                } catch (IllegalArgumentException e) {
                    throw new SeriesFormatException(name + ": document " + index + ": " + e.getMessage());
                }
            }
        }
        return -1;
    }
}
