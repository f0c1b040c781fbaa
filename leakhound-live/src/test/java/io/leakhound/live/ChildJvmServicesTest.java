package io.leakhound.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.live.apps.ServiceApp;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.series.ReadOptions;
import io.leakhound.live.series.Sample;
import io.leakhound.live.series.SeriesFiles;
import io.leakhound.live.series.SeriesFormat;
import io.leakhound.live.series.SeriesKind;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.verdict.VerdictEngine;
import io.leakhound.live.watch.JvmTarget;
import io.leakhound.live.watch.Watcher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verdict on real JVMs, all at once for {@link #SECONDS} s, each with G1 and with Parallel GC, no
 * {@code System.gc()}: a service leaking 1 MB/s under 40 MB/s of garbage; a steady one with a full bounded
 * cache; and one whose cache fills for {@link #FILL_SECONDS} s and then stays full. Each is watched from its
 * start through GC notifications ({@link Watcher}: by PID through the Attach API, one by a JMX URL on loopback)
 * and logs {@code -Xlog:gc}, which {@code trend} reads afterwards: both routes must agree (the services keep
 * their JMX connector's notification buffer small, or the log would show the watch's own footprint grow). The leaking ones must
 * be {@code leak} at their rate; the steady and the filling ones never {@code leak}, at any sample, and end
 * {@code no-leak}.
 */
class ChildJvmServicesTest {
    /**
     * Past the verdict's one-minute minimum (counted from the first live-set sample, some seconds in), with room
     * for a few more samples.
     */
    static final int SECONDS = 90;
    static final int FILL_SECONDS = 30;
    static final long MB = 1 << 20;
    /** Retained by the leaking services per second (plus list overhead, about 1%). */
    static final long LEAK_PER_SECOND = MB;
    /** 4 MB of cache plus 90 MB leaked fit a 160 MB heap (Parallel's old generation is two thirds of it). */
    static final int LEAK_HEAP_MB = 160;
    /**
     * G1 starts a marking cycle, and so gives a live-set sample, when the old generation passes a share of the
     * heap; in a 160 MB heap whose old generation holds little but the leak, the default (45%, adaptive) is not
     * reached for a minute. A service tuned to mark early: every few seconds from the start.
     */
    static final List<String> LEAK_G1_FLAGS = List.of("-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=8");
    /**
     * Parallel collects the old generation only when it is full; with a small young generation, responses and
     * evicted cache entries that live about a second are promoted and die old, and full collections come every
     * few seconds.
     */
    static final List<String> LEAK_PARALLEL_FLAGS = List.of("-Xmn16m");
    /** The watched services' connector notification buffer: under 1 MB of their heap. */
    static final int NOTIFICATION_BUFFER = 64;
    /** The steady and filling services: 24 MB of cache in 64 MB. */
    static final int HEAP_MB = 64;

    /** Every update a watch saw, and its end. */
    static final class Watch {
        final String name;
        final List<Watcher.Update> updates = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        Process process;
        Path gcLog;
        JvmTarget target;
        Watcher watcher;
        Watcher.Status last;

        Watch(String name) {
            this.name = name;
        }

        Long firstLeakSeconds() {
            for (Watcher.Update u : updates) {
                if (u.status().result().verdict() == Verdict.LEAK) {
                    return (u.recorded().sample().timeMillis()) / 1000;
                }
            }
            return null;
        }

        String story() {
            StringBuilder sb = new StringBuilder(name + ": ");
            for (Watcher.Update u : updates) {
                if (u.recorded().liveSet()) {
                    sb.append(String.format("%n  %6.1fs %5.1f MB %s %s", u.recorded().sample().timeMillis() / 1000.0,
                            u.recorded().sample().bytes() / (double) MB, u.recorded().collector(),
                            u.status().result().verdict().id()));
                }
            }
            return sb.append(String.format("%n  final: %s", last == null ? "-" : last.result().method())).toString();
        }
    }

    /** Logs stay after the run (target/child-jvm-services) to be looked at when a verdict surprises. */
    static final Path dir = Path.of("target", "child-jvm-services");
    static final Map<String, Watch> WATCHES = new LinkedHashMap<>();

    @BeforeAll
    static void watchServices() throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (String gc : List.of("G1", "Parallel")) {
            start(gc, "leak-" + gc, LEAK_HEAP_MB, List.of(String.valueOf(4 * MB), String.valueOf(LEAK_PER_SECOND)),
                    null);
            start(gc, "steady-" + gc, HEAP_MB, List.of(String.valueOf(24 * MB), "0"),
                    gc.equals("Parallel") ? port : null);
            start(gc, "fill-" + gc, HEAP_MB, List.of(String.valueOf(24 * MB), "0", String.valueOf(FILL_SECONDS)), null);
        }
        for (Watch w : WATCHES.values()) {
            assertThat(w.ended.await(SECONDS + 60, TimeUnit.SECONDS)).as(w.name + " ended").isTrue();
            w.last = w.watcher.refresh();
            List<String> csv = new ArrayList<>(List.of("seconds,bytes,collector,liveSet,oldBefore,oldAfter"));
            for (Watcher.Update u : w.updates) {
                csv.add(String.format(java.util.Locale.ROOT, "%.3f,%d,%s,%s,%d,%d",
                        u.recorded().sample().timeMillis() / 1000.0, u.recorded().sample().bytes(),
                        u.recorded().collector(), u.recorded().liveSet(), u.event().oldBeforeBytes(),
                        u.event().oldAfterBytes()));
            }
            Files.write(dir.resolve(w.name + ".watch.csv"), csv);
            w.watcher.close();
            w.target.close();
            assertThat(w.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(w.process.exitValue()).as(w.name + ": " + Files.readString(dir.resolve(w.name + ".out")))
                    .isZero();
            System.out.printf("%s: %s %.2f MB/s, %d samples (%s), first leak at %s s; %s%n", w.name,
                    w.last.result().verdict().id(), w.last.result().growthBytesPerHour() / 3600 / MB,
                    w.last.result().samples(), w.last.series().kind().id(), w.firstLeakSeconds(),
                    w.last.result().method());
        }
    }

    @AfterAll
    static void stopAll() {
        for (Watch w : WATCHES.values()) {
            if (w.process != null) {
                w.process.destroyForcibly();
            }
        }
    }

    private static void start(String gc, String name, int heapMb, List<String> args, Integer jmxPort)
            throws Exception {
        Watch w = new Watch(name);
        WATCHES.put(name, w);
        w.gcLog = dir.resolve(name + ".gc.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+Use" + gc + "GC", "-Xlog:gc:file=" + w.gcLog,
                // the connector keeps this many GC notifications in the service's heap: the watch's own footprint,
                // which the watcher corrects for but the GC log shows (1000 by default: ~14 MB)
                "-D" + Watcher.NOTIFICATION_BUFFER_PROPERTY + "=" + NOTIFICATION_BUFFER));
        if (name.equals("leak-G1")) {
            cmd.addAll(LEAK_G1_FLAGS);
        } else if (name.equals("leak-Parallel")) {
            cmd.addAll(LEAK_PARALLEL_FLAGS);
        }
        if (jmxPort != null) {
            cmd.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceApp.class.getName(),
                String.valueOf(SECONDS)));
        cmd.addAll(args);
        w.process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(w.process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // "started": the JVM is up, attach is safe
        assertThat(line).as(name).isEqualTo("started");
        Path log = dir.resolve(name + ".out");
        Thread copy = new Thread(() -> {
            try {
                Files.write(log, out.lines().toList());
            } catch (Exception e) {
                // the test reports the exit code
            }
        });
        copy.setDaemon(true);
        copy.start();
        w.target = jmxPort == null ? JvmTarget.attach(w.process.pid())
                : JvmTarget.connect("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi", null, null);
        w.watcher = new Watcher(w.target.connection(), Watcher.Options.defaults(), new Watcher.Listener() {
            @Override
            public void sample(Watcher.Update update) {
                w.updates.add(update);
            }
        });
        w.watcher.start();
        w.target.onLost(w.ended::countDown);
    }

    /** The verdict of {@code trend} on the service's GC log. */
    private static TrendResult logVerdict(Watch w, long heapMb) {
        MemorySeries series = SeriesFiles.read(w.gcLog, SeriesFormat.AUTO, ReadOptions.NONE);
        assertThat(series.format()).isEqualTo(SeriesFormat.GC_LOG);
        assertThat(series.limitBytes()).as("max heap from the log").isBetween(heapMb * MB * 3 / 4, heapMb * MB);
        TrendResult r = new VerdictEngine().decide(series);
        System.out.printf("%s -Xlog:gc: %s %.2f MB/s; %s; %s%n", w.name, r.verdict().id(),
                r.growthBytesPerHour() / 3600 / MB, series.description(), r.method());
        return r;
    }

    @Test
    void leakingServiceIsALeakWithG1AndParallelWatchedAndFromItsGcLog() {
        for (String name : List.of("leak-G1", "leak-Parallel")) {
            Watch w = WATCHES.get(name);
            assertThat(w.last.result().verdict()).as(w.story()).isEqualTo(Verdict.LEAK);
            assertThat(w.last.series().kind()).as(name).isEqualTo(SeriesKind.LIVE_SET);
            assertThat(w.last.result().growthBytesPerHour() / 3600).as(w.story())
                    .isBetween(0.6 * LEAK_PER_SECOND, 1.5 * LEAK_PER_SECOND);
            assertThat(w.last.result().secondsToLimit()).as(name).isNotNull().isBetween(1L, 300L);
            assertThat(w.last.limitBytes()).as("max heap").isBetween(LEAK_HEAP_MB * MB * 3 / 4, LEAK_HEAP_MB * MB);
            // named once there is a minute of data, and before the service ends
            assertThat(w.firstLeakSeconds()).as(w.story()).isNotNull().isBetween(60L, (long) SECONDS);
            TrendResult log = logVerdict(w, LEAK_HEAP_MB);
            assertThat(log.verdict()).as(log.method()).isEqualTo(Verdict.LEAK);
            assertThat(log.growthBytesPerHour() / 3600).as(log.method())
                    .isBetween(0.7 * LEAK_PER_SECOND, 1.4 * LEAK_PER_SECOND);
        }
    }

    @Test
    void steadyAndFillingServicesAreNeverALeakWatchedAndFromTheirGcLogs() {
        for (String name : List.of("steady-G1", "steady-Parallel", "fill-G1", "fill-Parallel")) {
            Watch w = WATCHES.get(name);
            assertThat(w.updates).as(name).isNotEmpty();
            assertThat(w.updates).as(w.story()).noneMatch(u -> u.status().result().verdict() == Verdict.LEAK);
            assertThat(w.last.result().verdict()).as(w.story()).isEqualTo(Verdict.NO_LEAK);
            assertThat(Math.abs(w.last.result().growthBytesPerHour() / 3600)).as(w.story()).isLessThan(0.2 * MB);
            TrendResult log = logVerdict(w, HEAP_MB);
            if (name.startsWith("steady")) {
                assertThat(log.verdict()).as(log.method()).isEqualTo(Verdict.NO_LEAK);
            } else {
                // never a leak; on JDK 25 G1's heap after mixed collections in a 64 MB heap is noisy enough that
                // the last 24 s of the log cannot rule out slow growth: not-enough-data, as the method says
                assertThat(log.verdict()).as(log.method()).isNotEqualTo(Verdict.LEAK);
            }
        }
    }

    @Test
    void liveSetSamplesAreTheCacheNotTheGarbage() {
        for (String name : List.of("steady-G1", "steady-Parallel")) {
            Watch w = WATCHES.get(name);
            assertThat(w.last.series().kind()).as(w.story()).isEqualTo(SeriesKind.LIVE_SET);
            // 24 MB of cache, ~4 MB of responses, and the old-generation garbage a G1 cycle has not reclaimed yet
            // (evicted entries die old at 8 MB/s; a mixed collection takes only some old regions, and under
            // pressure a cycle may end after one of them: on JDK 25, 9 of 79 samples were 48-60 MB). None is below
            // the cache, the middle of them is well clear of the 64 MB max, and most are; the verdict's lower
            // envelope absorbs the rest. An after-every-collection series would spread up to the max.
            for (MemorySeries s : List.of(w.last.series(),
                    SeriesFiles.read(w.gcLog, SeriesFormat.GC_LOG, ReadOptions.NONE))) {
                assertThat(s.kind()).as(w.story()).isEqualTo(SeriesKind.LIVE_SET);
                List<Sample> samples = s.samples();
                assertThat(samples).as(w.story())
                        .allSatisfy(x -> assertThat(x.bytes()).isGreaterThanOrEqualTo(20 * MB));
                long[] sorted = samples.stream().mapToLong(Sample::bytes).sorted().toArray();
                assertThat(sorted[sorted.length / 2]).as("median of " + w.story()).isBetween(24 * MB, 46 * MB);
                assertThat(sorted[sorted.length * 4 / 5]).as("80th percentile of " + w.story())
                        .isLessThanOrEqualTo(50 * MB);
            }
        }
    }
}
