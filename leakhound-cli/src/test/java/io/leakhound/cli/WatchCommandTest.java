package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.cli.scenarios.SlowLeakApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakhound watch}: one-line errors and their exit codes; a real leaking JVM with a dump and histograms. */
class WatchCommandTest {
    @TempDir
    Path dir;

    private static void assertError(CliTest.Run r, int code, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("leakhound: ").contains(fragment).doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void targetsThatCannotBeWatchedGetOneLineAndTheirExitCode() throws Exception {
        long dead = ProcessHandle.current().pid();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        dead = gone.pid();
        assertError(CliTest.run("watch", Long.toString(dead)), ExitCodes.BAD_INPUT, "no such process: " + dead);
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertError(CliTest.run("watch", Long.toString(sleeper.pid())), ExitCodes.BAD_INPUT, "is not a Java VM");
            assertThat(sleeper.isAlive()).as("never sent SIGQUIT to a process that is not a JVM").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
        assertError(CliTest.run("watch", "service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi"), ExitCodes.BAD_INPUT,
                "cannot connect to service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi");
        assertError(CliTest.run("watch", "localhost:9010"), ExitCodes.USAGE, "not a PID or a JMX service URL");
        assertError(CliTest.run("watch", "1", "--duration", "soon"), ExitCodes.USAGE, "--duration: not a duration");
        assertError(CliTest.run("watch", "1", "--interval-histogram", "100ms"), ExitCodes.USAGE, "at least 1s");
    }

    @Test
    void helpSaysHistogramsForceAFullGcAndListsExitCodes() {
        CliTest.Run r = CliTest.run("watch", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("FORCES A FULL GC").contains("5 access refused")
                .contains("2 no such process");
    }

    @Test
    void leakingJvmIsALeakWithItsHolderGrowingClassAndAnOwnerOnlyDump() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                SlowLeakApp.class.getName(), "40"));
        Process app = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");
            Path dumps = dir.resolve("dumps");
            CliTest.Run r = CliTest.run("watch", Long.toString(app.pid()), "--duration", "25s", "--min-span", "10s", "--json-lines",
                    "--dump-on-leak", dumps.toString(), "--interval-histogram", "2s", "--fail-on-leak");
            assertThat(r.code()).as(r.err() + r.out()).isEqualTo(ExitCodes.LEAK);
            ObjectMapper json = new ObjectMapper();
            List<String> lines = r.out().lines().toList();
            assertThat(lines.size()).as(r.out()).isGreaterThan(10);
            for (String line : lines.subList(0, lines.size() - 1)) {
                JsonNode e = json.readTree(line);
                assertThat(e.path("event").asText()).isEqualTo("sample");
                assertThat(e.path("bytes").asLong()).isPositive();
                assertThat(e.has("verdict")).isTrue();
            }
            JsonNode end = json.readTree(lines.get(lines.size() - 1));
            assertThat(end.path("event").asText()).isEqualTo("result");
            assertThat(end.path("verdict").asText()).as(end.toString()).isEqualTo("leak");
            assertThat(end.path("growthBytesPerHour").asLong() / 3600.0).as(end.toString())
                    .isBetween(0.6 * (1 << 20), 1.6 * (1 << 20));
            assertThat(end.path("ended").asText()).isEqualTo("duration");
            assertThat(end.path("input").path("format").asText()).isEqualTo("gc-notifications");
            assertThat(end.path("target").path("pid").asLong()).isEqualTo(app.pid());
            assertThat(end.path("target").path("histograms").asInt()).isGreaterThanOrEqualTo(8);
            List<String> growing = new ArrayList<>();
            end.path("growingClasses").forEach(c -> growing.add(c.path("class").asText()));
            assertThat(growing).as(end.toString()).contains("io.leakhound.cli.scenarios.SlowLeakApp$LeakedSession");
            JsonNode session = null;
            for (JsonNode c : end.path("growingClasses")) {
                if (c.path("class").asText().endsWith("LeakedSession")) {
                    session = c;
                }
            }
            assertThat(session.path("instancesPerHour").asDouble() / 3600).as(session.toString()).isBetween(150.0, 350.0);
            Path dump = Path.of(end.path("dump").asText());
            assertThat(dump).exists().hasParent(dumps.toAbsolutePath());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
            assertThat(Files.list(dumps).toList()).as("no private directory left").containsExactly(dump);
            JsonNode suspect = end.path("diagnosis").path("suspects").path(0);
            assertThat(suspect.path("title").asText()).as(end.path("diagnosis").toString()).contains("SlowLeakApp.SESSIONS");
        } finally {
            app.destroyForcibly();
            app.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
