package io.leakhound.live.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GC logs as JDK 17 and 25 write them, every collector, several decorations. The fixtures are real logs of
 * {@code io.leakhound.live.apps.ServiceApp} (and a smaller leaking program) with {@code -Xmx64m}; the two
 * leaking ServiceApp logs ({@code gc-parallel-leak.log}, {@code gc-g1-leak.log}) are 90 s runs with {@code -Xmx128m},
 * a 4 MB cache and 1 MB/s leaked, long enough for the verdict's one-minute minimum.
 */
class GcLogReaderTest {
    private static final long M = 1 << 20;

    @Test
    void parallelFullCollectionsAreTheLiveSet() {
        MemorySeries s = Fixtures.read("gc-parallel-leak.log");
        assertThat(s.format()).isEqualTo(SeriesFormat.GC_LOG);
        assertThat(s.kind()).isEqualTo(SeriesKind.LIVE_SET);
        // [9.702s][info][gc] GC(25) Pause Full (Ergonomics) 105M->18M(90M) ... [90.076s] ... 110M->98M(119M)
        assertThat(s.samples()).hasSize(60);
        assertThat(s.samples().get(0)).isEqualTo(new Sample(9702, 18 * M));
        assertThat(s.samples().get(59)).isEqualTo(new Sample(90076, 98 * M));
        assertThat(s.limitBytes()).isEqualTo(123 * M);
    }

    @Test
    void g1MarkingCycleGivesItsLowestHeapOnce() {
        MemorySeries s = SeriesFiles.read(String.join("\n",
                "[10.100s][info][gc] GC(40) Pause Young (Concurrent Start) (G1 Evacuation Pause) 40M->30M(64M) 2.0ms",
                "[10.102s][info][gc] GC(41) Concurrent Mark Cycle",
                "[10.150s][info][gc] GC(42) Pause Young (Normal) (G1 Evacuation Pause) 44M->31M(64M) 1.1ms",
                "[10.200s][info][gc] GC(41) Pause Remark 33M->33M(64M) 1.0ms",
                "[10.210s][info][gc] GC(41) Pause Cleanup 33M->32M(64M) 0.1ms",
                "[10.230s][info][gc] GC(41) Concurrent Mark Cycle 128.1ms",
                "[10.400s][info][gc] GC(43) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 46M->33M(64M) 1.7ms",
                "[10.500s][info][gc] GC(44) Pause Young (Mixed) (G1 Evacuation Pause) 36M->28M(64M) 2.2ms",
                "[10.600s][info][gc] GC(45) Pause Young (Mixed) (G1 Evacuation Pause) 30M->26M(64M) 2.0ms",
                "[10.900s][info][gc] GC(46) Pause Young (Normal) (G1 Evacuation Pause) 46M->27M(64M) 1.0ms",
                "[11.000s][info][gc] GC(47) Pause Full (G1 Compaction Pause) 50M->25M(64M) 12.0ms"),
                SeriesFormat.AUTO, ReadOptions.NONE);
        assertThat(s.format()).isEqualTo(SeriesFormat.GC_LOG);
        // two live-set samples only, so the series falls back to the heap after every collection
        assertThat(s.kind()).isEqualTo(SeriesKind.AFTER_YOUNG_GC);
        assertThat(s.samples()).hasSize(8).contains(new Sample(10600, 26 * M), new Sample(11000, 25 * M));
        MemorySeries real = Fixtures.read("gc-g1-leak.log");
        assertThat(real.kind()).isEqualTo(SeriesKind.LIVE_SET);
        assertThat(real.samples()).hasSize(52);
        assertThat(real.description()).contains("52 of 389 collections");
    }

    @Test
    void decorationsOfAllKindsGiveTheTime() {
        MemorySeries utc = Fixtures.read("gc-g1-utctime-steady.log");
        // [2026-11-22T04:37:53.050+0000] is wall time in epoch milliseconds
        assertThat(utc.samples().get(0).timeMillis()).isGreaterThan(1_700_000_000_000L);
        assertThat(utc.limitBytes()).isEqualTo(64 * M);
        MemorySeries star = Fixtures.read("gc-serial-gcstar-leak.log");
        // time,uptimemillis,level,tags: uptime wins over wall time; gc,heap lines (DefNew:, Tenured:) are skipped
        assertThat(star.samples().get(0).timeMillis()).isLessThan(100_000);
        assertThat(star.limitBytes()).as("Heap Max Capacity of gc,init").isEqualTo(64 * M);
        assertThat(star.samples()).allSatisfy(x -> assertThat(x.bytes()).isBetween(8 * M, 64 * M));
        MemorySeries nanos = SeriesFiles.read(List.of(
                "[1500000000ns][gc] GC(1) Pause Full (System.gc()) 120M->80M(512M) 15.2ms",
                "[2500000000ns][gc] GC(2) Pause Full (Allocation Failure) 130M->81M(512M) 15.2ms").stream()
                .reduce((a, b) -> a + "\n" + b).orElseThrow(), SeriesFormat.GC_LOG, ReadOptions.NONE);
        assertThat(nanos.samples()).containsExactly(new Sample(1500, 80 * M), new Sample(2500, 81 * M));
        assertThat(nanos.limitBytes()).isEqualTo(512 * M);
    }

    @Test
    void zgcAndShenandoahCyclesAreLiveSetSamples() {
        MemorySeries z = Fixtures.read("gc-zgc-jdk17.log");
        assertThat(z.kind()).isEqualTo(SeriesKind.LIVE_SET);
        // [0.218s][info][gc] GC(0) Garbage Collection (Warmup) 32M(50%)->6M(9%)
        assertThat(z.samples().get(0)).isEqualTo(new Sample(218, 6 * M));
        assertThat(z.limitBytes()).as("from the percentages").isBetween(60 * M, 68 * M);
        MemorySeries generational = Fixtures.read("gc-zgc-generational-jdk25.log");
        assertThat(generational.samples()).as("Major Collections only").hasSize(9);
        MemorySeries shenandoah = Fixtures.read("gc-shenandoah-jdk17.log");
        assertThat(shenandoah.kind()).isEqualTo(SeriesKind.LIVE_SET);
        // two "Concurrent cleanup" lines per cycle: the last counts
        assertThat(shenandoah.samples()).hasSize(21).contains(new Sample(3272, 15 * M));
        assertThat(Fixtures.read("gc-shenandoah-jdk25.log").samples()).hasSize(24);
    }

    @Test
    void logsWithoutHeapSummariesAreBadInput() {
        assertThatThrownBy(() -> SeriesFiles.read("[0.003s][info][gc] Using G1\n", SeriesFormat.GC_LOG,
                ReadOptions.NONE)).isInstanceOf(SeriesFormatException.class).hasMessageContaining("-Xlog:gc");
        assertThatThrownBy(() -> SeriesFiles.read("GC(0) Pause Full (System.gc()) 10M->5M(64M) 1.0ms\n",
                SeriesFormat.GC_LOG, ReadOptions.NONE)).hasMessageContaining("carry no time");
    }
}
