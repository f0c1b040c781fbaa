package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakhound trend}: text, the JSON contract, exit codes, one-line errors, help. */
class TrendCommandTest {
    @TempDir
    Path dir;

    private static String fixture(String name) throws Exception {
        return Path.of(TrendCommandTest.class.getResource("/" + name).toURI()).toString();
    }

    @Test
    void textShowsTheVerdictAligned() throws Exception {
        CliTest.Run r = CliTest.run("trend", fixture("gc-parallel-leak.log"));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("verdict     leak");
        assertThat(lines.get(1)).matches("growth      \\+3\\d{3}\\.\\d MB/h");
        assertThat(lines.get(3)).startsWith("to limit    ").endsWith("(limit 123 MB)");
        assertThat(lines.get(4)).startsWith("samples     58 used of 60 read: heap after full/mixed");
        assertThat(lines.get(5)).startsWith("method      Theil-Sen slope over 58 live-set samples");
    }

    @Test
    void jsonIsOneObjectWithTheContractFields() throws Exception {
        CliTest.Run r = CliTest.run("trend", fixture("gc-parallel-leak.log"), "--json", "--limit", "1g");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("verdict").asText()).isEqualTo("leak");
        assertThat(root.path("growthBytesPerHour").asLong()).isBetween(3000L << 20, 4200L << 20);
        assertThat(root.path("confidence").asDouble()).isBetween(0.99, 1.0);
        assertThat(root.path("secondsToLimit").asLong()).isBetween(600L, 1200L); // ~990 MB left at ~1 MB/s
        assertThat(root.path("samples").asInt()).isEqualTo(58);
        assertThat(root.path("method").asText()).contains("Theil-Sen");
        assertThat(root.path("growingClasses").isArray()).isTrue();
        assertThat(root.path("growingClasses")).isEmpty();
        assertThat(root.path("dump").isNull()).isTrue();
        assertThat(root.path("limitBytes").asLong()).isEqualTo(1L << 30);
        assertThat(root.path("input").path("format").asText()).isEqualTo("gc-log");
        assertThat(root.path("input").path("kind").asText()).isEqualTo("live-set");
        assertThat(r.out().strip()).startsWith("{").endsWith("}");

        CliTest.Run steady = CliTest.run("trend", fixture("lua-steady.log"), "--json");
        JsonNode s = new ObjectMapper().readTree(steady.out());
        assertThat(s.path("verdict").asText()).isEqualTo("no-leak");
        assertThat(s.path("secondsToLimit").isNull()).isTrue();
        assertThat(s.path("limitBytes").isNull()).isTrue();
    }

    @Test
    void failOnLeakExitsWith1OnlyOnALeak() throws Exception {
        assertThat(CliTest.run("trend", fixture("gc-parallel-leak.log"), "--fail-on-leak").code()).isEqualTo(ExitCodes.LEAK);
        assertThat(CliTest.run("trend", fixture("lua-steady.log"), "--fail-on-leak").code()).isZero();
        assertThat(CliTest.run("trend", fixture("gc-parallel-leak.log"), "--format", "gc-log").code()).isZero();
    }

    @Test
    void badInputIsOneLineAndExit2() throws Exception {
        Path prose = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        for (String[] args : List.of(new String[] {"trend", prose.toString()},
                new String[] {"trend", dir.resolve("missing.log").toString()},
                new String[] {"trend", fixture("lua-steady.log"), "--format", "prometheus"})) {
            CliTest.Run r = CliTest.run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err().strip()).startsWith("leakhound: error: ").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void usageErrorsExit3AndHelpShowsExitCodes() throws Exception {
        assertThat(CliTest.run("trend").code()).isEqualTo(ExitCodes.USAGE);
        CliTest.Run badFormat = CliTest.run("trend", fixture("lua-steady.log"), "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFormat.err().strip()).startsWith("leakhound: usage error: --format: unknown format 'xml'");
        assertThat(CliTest.run("trend", fixture("lua-steady.log"), "--limit", "lots").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliTest.run("trend", fixture("lua-steady.log"), "--interval", "soon").code()).isEqualTo(ExitCodes.USAGE);
        CliTest.Run help = CliTest.run("trend", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: leakhound trend").contains("Exit codes").contains("--fail-on-leak")
                .contains("verdict is leak");
        assertThat(CliTest.run("--help").out()).contains("trend");
    }
}
