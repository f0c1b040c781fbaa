package io.leakhound.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.live.apps.ServiceApp;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.ReadOptions;
import io.leakhound.live.series.SeriesFiles;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.verdict.VerdictEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on real JVMs: a leaking service and a steady one (churn and a full bounded cache), each with G1
 * and with Parallel GC, in child JVMs with a 64 MB heap logging {@code -Xlog:gc}. No {@code System.gc()}: the
 * collectors decide. The four run at once for {@link #SECONDS} seconds; the verdict must be leak for the
 * leaking ones, at the rate they leak, and never leak for the steady ones.
 */
class ChildJvmTrendTest {
    static final int SECONDS = 28;
    static final long MB = 1 << 20;
    /** Retained by the leaking service per second (plus list overhead, about 1%). */
    static final long LEAK_PER_SECOND = MB;

    @TempDir
    static Path dir;
    static final Map<String, Path> LOGS = new LinkedHashMap<>();

    @BeforeAll
    static void runServices() throws Exception {
        Map<String, Process> running = new LinkedHashMap<>();
        for (String gc : List.of("G1", "Parallel")) {
            running.put("leak-" + gc, start(gc, "leak-" + gc, 4 * MB, LEAK_PER_SECOND));
            running.put("steady-" + gc, start(gc, "steady-" + gc, 24 * MB, 0));
        }
        for (Map.Entry<String, Process> e : running.entrySet()) {
            Process p = e.getValue();
            Path out = dir.resolve(e.getKey() + ".out");
            if (!p.waitFor(SECONDS + 60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(e.getKey() + " timed out: " + Files.readString(out));
            }
            assertThat(p.exitValue()).as(e.getKey() + ": " + Files.readString(out)).isZero();
        }
    }

    private static Process start(String gc, String name, long cacheBytes, long leakPerSecond) throws Exception {
        Path log = dir.resolve(name + ".log");
        LOGS.put(name, log);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+Use" + gc + "GC", "-Xlog:gc:file=" + log, "-cp", System.getProperty("java.class.path"),
                ServiceApp.class.getName(), String.valueOf(SECONDS), String.valueOf(cacheBytes),
                String.valueOf(leakPerSecond)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
    }

    private static TrendResult verdict(String name) throws Exception {
        MemorySeries series = SeriesFiles.read(LOGS.get(name), SeriesFormat.AUTO, ReadOptions.NONE);
        assertThat(series.format()).isEqualTo(SeriesFormat.GC_LOG);
        assertThat(series.limitBytes()).as("max heap from the log").isBetween(48 * MB, 64 * MB);
        TrendResult r = new VerdictEngine().decide(series);
        System.out.printf("%s: %s %.0f MB/h conf %.3f; %s; %s%n", name, r.verdict().id(), r.growthBytesPerHour() / MB,
                r.confidence(), series.description(), r.method());
        return r;
    }

    private static String tail(String name) throws Exception {
        List<String> lines = Files.readAllLines(LOGS.get(name));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Test
    void leakingServiceIsALeakWithG1AndParallel() throws Exception {
        for (String name : List.of("leak-G1", "leak-Parallel")) {
            TrendResult r = verdict(name);
            assertThat(r.verdict()).as("%s: %s%n%s", name, r.method(), tail(name)).isEqualTo(Verdict.LEAK);
            assertThat(r.growthBytesPerHour() / 3600).as(name).isBetween(0.7 * LEAK_PER_SECOND, 1.4 * LEAK_PER_SECOND);
            assertThat(r.secondsToLimit()).as(name).isNotNull().isBetween(1L, 120L);
        }
    }

    @Test
    void steadyServiceWithAFullBoundedCacheIsNeverALeak() throws Exception {
        for (String name : List.of("steady-G1", "steady-Parallel")) {
            TrendResult r = verdict(name);
            assertThat(r.verdict()).as("%s: %s%n%s", name, r.method(), tail(name)).isNotEqualTo(Verdict.LEAK);
            assertThat(Math.abs(r.growthBytesPerHour() / 3600)).as(name).isLessThan(0.2 * LEAK_PER_SECOND);
        }
    }

    @Test
    void liveSetSamplesComeFromFullAndMixedCollections() throws Exception {
        MemorySeries g1 = SeriesFiles.read(LOGS.get("steady-G1"), SeriesFormat.GC_LOG, ReadOptions.NONE);
        MemorySeries parallel = SeriesFiles.read(LOGS.get("steady-Parallel"), SeriesFormat.GC_LOG, ReadOptions.NONE);
        for (MemorySeries s : List.of(g1, parallel)) {
            if (s.kind() == SeriesKind.LIVE_SET) {
                // the steady service holds its 24 MB cache plus ~4 MB of responses: every live-set sample says so
                assertThat(s.samples()).allSatisfy(x -> assertThat(x.bytes()).isBetween(20 * MB, 48 * MB));
            }
        }
    }
}
