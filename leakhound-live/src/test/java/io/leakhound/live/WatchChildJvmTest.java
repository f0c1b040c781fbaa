package io.leakhound.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.live.apps.ServiceApp;
import io.leakhound.live.series.SeriesKind;
import io.leakhound.live.verdict.Verdict;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Watcher} on real JVMs, all at once: a service leaking 1 MB/s under 40 MB/s of garbage, a steady one
 * with a full bounded cache, and one whose cache fills for {@link #FILL_SECONDS} s and then stays full — each
 * with G1 and with Parallel GC, 64 MB heaps, no {@code System.gc()}. Watched from the start for
 * {@link #SECONDS} s through GC notifications: by PID (Attach API) and, for one, by a JMX URL on loopback. The
 * leaking ones must be {@code leak} at their rate; the steady ones never {@code leak}, at any sample; the filling
 * ones never once their cache is full (while it fills, the live set does grow steadily, and a watch that started
 * with the fill may call that a leak: the verdict turns once growth stops).
 */
class WatchChildJvmTest {
    static final int SECONDS = 40;
    /** The leaking services stop earlier: 8 MB of cache plus 1 MB/s fill a 64 MB heap in under a minute. */
    static final int LEAK_SECONDS = 30;
    static final int FILL_SECONDS = 15;
    static final long MB = 1 << 20;

    /** Every update a watch saw, and its end. */
    static final class Watch {
        final String name;
        final List<Watcher.Update> updates = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        Process process;
        JvmTarget target;
        Watcher watcher;
        Watcher.Status last;
        long startMillis;

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
            return sb.toString();
        }
    }

    @TempDir
    static Path dir;
    static final Map<String, Watch> WATCHES = new LinkedHashMap<>();

    @BeforeAll
    static void watchServices() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (String gc : List.of("G1", "Parallel")) {
            start(gc, "leak-" + gc, LEAK_SECONDS, List.of(String.valueOf(8 * MB), String.valueOf(MB)), null);
            start(gc, "steady-" + gc, SECONDS, List.of(String.valueOf(24 * MB), "0"), gc.equals("Parallel") ? port : null);
            start(gc, "fill-" + gc, SECONDS, List.of(String.valueOf(24 * MB), "0", String.valueOf(FILL_SECONDS)), null);
        }
        for (Watch w : WATCHES.values()) {
            assertThat(w.ended.await(SECONDS + 60, TimeUnit.SECONDS)).as(w.name + " ended").isTrue();
            w.last = w.watcher.refresh();
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

    private static void start(String gc, String name, int seconds, List<String> args, Integer jmxPort) throws Exception {
        Watch w = new Watch(name);
        WATCHES.put(name, w);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+Use" + gc + "GC"));
        if (jmxPort != null) {
            cmd.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceApp.class.getName(),
                String.valueOf(seconds)));
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

    @Test
    void leakingServiceIsALeakWithG1AndParallel() {
        for (String name : List.of("leak-G1", "leak-Parallel")) {
            Watch w = WATCHES.get(name);
            assertThat(w.last.result().verdict()).as(w.story()).isEqualTo(Verdict.LEAK);
            assertThat(w.last.series().kind()).as(name).isEqualTo(SeriesKind.LIVE_SET);
            assertThat(w.last.result().growthBytesPerHour() / 3600).as(w.story())
                    .isBetween(0.6 * MB, 1.5 * MB);
            assertThat(w.last.result().secondsToLimit()).as(name).isNotNull().isBetween(1L, 120L);
            assertThat(w.last.limitBytes()).as("max heap").isBetween(48 * MB, 64 * MB);
            assertThat(w.firstLeakSeconds()).as(w.story()).isNotNull().isLessThan((long) LEAK_SECONDS);
        }
    }

    @Test
    void steadyAndFilledServicesAreNeverALeak() {
        for (String name : List.of("steady-G1", "steady-Parallel", "fill-G1", "fill-Parallel")) {
            Watch w = WATCHES.get(name);
            long from = name.startsWith("fill") ? (FILL_SECONDS + 5) * 1000L : 0;
            assertThat(w.updates).as(name).isNotEmpty();
            assertThat(w.updates).as(w.story()).noneMatch(u -> u.recorded().sample().timeMillis() >= from
                    && u.status().result().verdict() == Verdict.LEAK);
            assertThat(w.last.result().verdict()).as(w.story()).isEqualTo(Verdict.NO_LEAK);
            assertThat(Math.abs(w.last.result().growthBytesPerHour() / 3600)).as(w.story()).isLessThan(0.2 * MB);
        }
    }

    @Test
    void liveSetSamplesAreTheCacheNotTheGarbage() {
        for (String name : List.of("steady-G1", "steady-Parallel")) {
            Watch w = WATCHES.get(name);
            assertThat(w.last.series().kind()).as(w.story()).isEqualTo(SeriesKind.LIVE_SET);
            // 24 MB of cache and ~4 MB of responses: no live-set sample holds the 40 MB/s of garbage
            assertThat(w.last.series().samples()).as(w.story())
                    .allSatisfy(s -> assertThat(s.bytes()).isBetween(20 * MB, 48 * MB));
        }
    }
}
