package io.leakhound.live.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lua logs, Go MemStats, Prometheus, CSV: values, times, kinds, detection and one-line errors. */
class OtherReadersTest {
    private static final long M = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void luaLogLinesInKilobytes() {
        MemorySeries s = Fixtures.read("lua-leak.log");
        assertThat(s.format()).isEqualTo(SeriesFormat.LUA);
        assertThat(s.kind()).isEqualTo(SeriesKind.RAW_USAGE);
        assertThat(s.samples()).hasSize(361);
        // 2024-03-01 10:00:00: 810.78 KB
        assertThat(s.samples().get(0)).isEqualTo(new Sample(1709287200000L, Math.round(810.78 * 1024)));
        assertThat(s.samples().get(1).timeMillis() - s.samples().get(0).timeMillis()).isEqualTo(10_000);
        MemorySeries variants = SeriesFiles.read("2024-03-01 10:00:00: 100 kb\n2024-03-01T10:00:05.5: 1.5 MB\n"
                + "2024-03-01 10:00:10: 2048\nnot a sample\n", SeriesFormat.AUTO, ReadOptions.NONE);
        assertThat(variants.format()).isEqualTo(SeriesFormat.LUA);
        assertThat(variants.samples()).containsExactly(new Sample(1709287200000L, 102400),
                new Sample(1709287205500L, Math.round(1.5 * M)), new Sample(1709287210000L, 2048 * 1024));
    }

    @Test
    void goExpvarDocumentsWithoutTimeUseLastGc() {
        MemorySeries s = Fixtures.read("go-expvar.json");
        assertThat(s.format()).isEqualTo(SeriesFormat.GO_MEMSTATS);
        assertThat(s.kind()).isEqualTo(SeriesKind.RAW_USAGE);
        assertThat(s.description()).contains("LastGC");
        assertThat(s.samples()).hasSize(54); // 160 snapshots, one GC every third: one sample per LastGC
        MemorySeries byInterval = SeriesFiles.read(Fixtures.path("go-expvar.json"), SeriesFormat.GO_MEMSTATS,
                new ReadOptions(Duration.ofSeconds(15)));
        assertThat(byInterval.samples()).hasSize(160);
        assertThat(byInterval.samples().get(2).timeMillis()).isEqualTo(30_000);
        MemorySeries lines = Fixtures.read("go-memstats.jsonl");
        assertThat(lines.samples()).hasSize(200);
        assertThat(lines.samples().get(0).timeMillis()).isEqualTo(1709287200000L);
        MemorySeries topLevel = SeriesFiles.read("{\"ts\": 1709287200.5, \"HeapAlloc\": 1000}\n"
                + "{\"ts\": 1709287201.5, \"HeapAlloc\": 2000}", SeriesFormat.AUTO, ReadOptions.NONE);
        assertThat(topLevel.samples()).containsExactly(new Sample(1709287200500L, 1000), new Sample(1709287201500L, 2000));
        assertThatThrownBy(() -> SeriesFiles.read("{\"HeapAlloc\": 1000}", SeriesFormat.AUTO, ReadOptions.NONE))
                .isInstanceOf(SeriesFormatException.class).hasMessageContaining("--interval");
    }

    @Test
    void prometheusMatrixIsSummedOverSeries() {
        MemorySeries s = Fixtures.read("prometheus-heap.json");
        assertThat(s.format()).isEqualTo(SeriesFormat.PROMETHEUS);
        assertThat(s.kind()).isEqualTo(SeriesKind.RAW_USAGE);
        assertThat(s.samples()).hasSize(241);
        assertThat(s.samples().get(0)).isEqualTo(new Sample(1709287200000L, 200 * M));
        assertThat(s.description()).startsWith("sum of 2 series").contains("G1 Old Gen");
        MemorySeries live = Fixtures.read("prometheus-live.json");
        assertThat(live.kind()).as("jvm_gc_live_data_size_bytes").isEqualTo(SeriesKind.LIVE_SET);
        assertThatThrownBy(() -> SeriesFiles.read("{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"parse error at char 4\"}", SeriesFormat.AUTO, ReadOptions.NONE))
                .hasMessageContaining("parse error at char 4");
        assertThatThrownBy(() -> SeriesFiles.read("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                + "\"result\":[]}}", SeriesFormat.AUTO, ReadOptions.NONE)).hasMessageContaining("query_range");
    }

    @Test
    void csvWithAndWithoutHeader() {
        MemorySeries s = Fixtures.read("leak.csv");
        assertThat(s.format()).isEqualTo(SeriesFormat.CSV);
        assertThat(s.samples()).hasSize(61);
        assertThat(s.samples().get(0).timeMillis()).isEqualTo(1709287200000L);
        MemorySeries iso = Fixtures.read("flat-iso.csv");
        assertThat(iso.samples()).hasSize(120);
        assertThat(iso.samples().get(1).timeMillis() - iso.samples().get(0).timeMillis()).isEqualTo(30_000);
        MemorySeries named = SeriesFiles.read("host,bytes,timestamp\na,512M,1709287200000\na,513M,1709287260000\n",
                SeriesFormat.AUTO, ReadOptions.NONE);
        assertThat(named.samples()).containsExactly(new Sample(1709287200000L, 512 * M), new Sample(1709287260000L, 513 * M));
        assertThatThrownBy(() -> SeriesFiles.read("time,bytes\n1,100\n2,lots\n", SeriesFormat.CSV, ReadOptions.NONE))
                .hasMessage("input: line 3: not a size: 'lots' (try 2g, 512m, 1048576)");
    }

    @Test
    void unreadableAndUnknownFilesGetOneLineMessages() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.log"));
        Path prose = Files.writeString(dir.resolve("notes.txt"), "hello\nthis is not a series\n");
        Path binary = Files.write(dir.resolve("dump.hprof"), "JAVA PROFILE 1.0.2\0\0\0\u0008".getBytes());
        assertThatThrownBy(() -> SeriesFiles.read(empty, SeriesFormat.AUTO, ReadOptions.NONE)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> SeriesFiles.read(prose, SeriesFormat.AUTO, ReadOptions.NONE))
                .hasMessageContaining("cannot tell the format").hasMessageContaining("--format");
        assertThatThrownBy(() -> SeriesFiles.read(binary, SeriesFormat.AUTO, ReadOptions.NONE)).hasMessageContaining("not a text file");
        assertThatThrownBy(() -> SeriesFiles.read(dir, SeriesFormat.AUTO, ReadOptions.NONE)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> SeriesFiles.read(dir.resolve("nope"), SeriesFormat.AUTO, ReadOptions.NONE))
                .hasMessage("no such file: " + dir.resolve("nope"));
        assertThatThrownBy(() -> SeriesFiles.read(prose, SeriesFormat.LUA, ReadOptions.NONE)).hasMessageContaining("no 'YYYY-MM-DD");
    }

    @Test
    void sizesAndTimes() {
        assertThat(ByteSizes.parse("2g")).isEqualTo(2L << 30);
        assertThat(ByteSizes.parse("512m")).isEqualTo(512 * M);
        assertThat(ByteSizes.parse("1.5GB")).isEqualTo(3L << 29);
        assertThat(ByteSizes.parse("64KiB")).isEqualTo(65536);
        assertThat(ByteSizes.parse("1048576")).isEqualTo(M);
        assertThatThrownBy(() -> ByteSizes.parse("2x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Timestamps.parseMillis("1709287200")).isEqualTo(1709287200000L);
        assertThat(Timestamps.parseMillis("1709287200123")).isEqualTo(1709287200123L);
        assertThat(Timestamps.parseMillis("2024-03-01T10:00:00Z")).isEqualTo(1709287200000L);
        assertThat(Timestamps.parseMillis("2024-03-01T11:00:00.250+01:00")).isEqualTo(1709287200250L);
        assertThat(Timestamps.parseMillis("2024-03-01 10:00:00")).isEqualTo(1709287200000L);
    }
}
