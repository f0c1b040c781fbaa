package io.leakhound.live.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.verdict.VerdictEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture's verdict, and for the synthetic ones the slope they were made with (within 10%). */
class TrendOnFilesTest {
    private static final double MB = 1 << 20;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "lua-leak.log,             leak,            1.7578",   // 0.5 KB/s
        "lua-steady.log,           no-leak,         0",
        "go-expvar.json,           leak,            120",      // 2 MB per minute
        "go-memstats.jsonl,        no-leak,         0",
        "prometheus-heap.json,     leak,            30",
        "prometheus-live.json,     no-leak,         0",
        "leak.csv,                 leak,            3600",     // 1 MB/s
        "flat-iso.csv,             no-leak,         0",
        "gc-parallel-leak.log,     leak,            3600",     // ServiceApp leaking 1 MB/s
        "gc-g1-leak.log,           leak,            3600",
        "gc-g1-utctime-steady.log, no-leak,         0",
        "gc-zgc-generational-jdk25.log, not-enough-data, -1",
        "gc-serial-gcstar-leak.log,     not-enough-data, -1",  // 12 s, 7 full collections: suspected only
    })
    void verdictOnEachFixture(String file, String verdict, double mbPerHour) {
        TrendResult r = new VerdictEngine().decide(Fixtures.read(file));
        assertThat(r.verdict().id()).as(r.method()).isEqualTo(verdict);
        double rate = r.growthBytesPerHour() / MB;
        if (mbPerHour > 100 && file.startsWith("gc-")) {
            assertThat(rate).as("real JVM").isCloseTo(mbPerHour, within(mbPerHour * 0.15));
        } else if (mbPerHour > 0) {
            assertThat(rate).isCloseTo(mbPerHour, within(mbPerHour * 0.10));
        } else if (mbPerHour == 0) {
            assertThat(r.verdict()).isEqualTo(Verdict.NO_LEAK);
            assertThat(Math.abs(rate)).isLessThan(10);
        }
    }
}
