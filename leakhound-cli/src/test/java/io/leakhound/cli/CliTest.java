package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.heap.testing.ChildJvm;
import io.leakhound.heap.testing.scenarios.CountedHeap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, help, the JSON report, the demo. */
class CliTest {
    @TempDir
    static Path dir;
    static Path dump;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LeakhoundCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void makeDump() throws Exception {
        dump = dir.resolve("counted.hprof");
        ChildJvm.run(CountedHeap.class, List.of("-Xmx256m"), 120, dump.toString(), dir.resolve("h.txt").toString());
    }

    private static void assertBadInput(Run r, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).contains(fragment).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badInputGetsOneLineAndExitCode2() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.hprof"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a heap dump\n");
        Path cut = dir.resolve("cut.hprof");
        Files.write(cut, "JAVA PROFILE 1.0.2\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertBadInput(run("analyze", empty.toString()), "empty file");
        assertBadInput(run("analyze", text.toString()), "not an HPROF heap dump");
        assertBadInput(run("analyze", cut.toString()), "header truncated");
        assertBadInput(run("analyze", dir.toString()), "is a directory");
        assertBadInput(run("analyze", dir.resolve("missing.hprof").toString()), "no such file");
    }

    @Test
    void truncatedDumpIsAnalyzedWithAWarningAndTheInputIsUntouched() throws Exception {
        byte[] all = Files.readAllBytes(dump);
        Path half = dir.resolve("half.hprof");
        Files.write(half, java.util.Arrays.copyOf(all, all.length / 2));
        FileTime before = Files.getLastModifiedTime(half);
        Run r = run("analyze", half.toString(), "--top", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dump truncated");
        assertThat(Files.readAllBytes(half)).isEqualTo(java.util.Arrays.copyOf(all, all.length / 2));
        assertThat(Files.getLastModifiedTime(half)).isEqualTo(before);
    }

    @Test
    void usageErrorsExitWith3AndHelpWorksEverywhere() {
        assertThat(run("analyze").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("analyze", "x", "--top", "many").code()).isEqualTo(ExitCodes.USAGE);
        Run negative = run("analyze", dump.toString(), "--top", "-1");
        assertThat(negative.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err().strip()).isEqualTo("leakhound: usage error: --top must be 0 or more");
        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
        for (String cmd : List.of("analyze", "demo")) {
            Run r = run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: leakhound " + cmd);
        }
        assertThat(run("--help").out()).contains("Exit codes");
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltButHelpAndTyposSeeThemAll() {
        assertThat(LeakhoundCli.commandLine("analyze", "x.hprof").getSubcommands()).containsOnlyKeys("analyze");
        assertThat(LeakhoundCli.commandLine("trend", "--help").getSubcommands()).containsOnlyKeys("trend");
        String[] all = LeakhoundCli.SUBCOMMANDS.toArray(new String[0]);
        assertThat(LeakhoundCli.commandLine().getSubcommands()).containsOnlyKeys(all);
        assertThat(LeakhoundCli.commandLine("--help").getSubcommands()).containsOnlyKeys(all);
        assertThat(LeakhoundCli.commandLine("help", "analyze").getSubcommands()).containsOnlyKeys(all);
        assertThat(LeakhoundCli.commandLine("anlyze", "x.hprof").getSubcommands()).containsOnlyKeys(all);
        Run help = run("--help");
        for (String cmd : List.of("analyze", "diff", "trend", "watch", "rules", "demo")) {
            assertThat(help.out()).contains("\n  " + cmd + " ");
        }
        Run helpAnalyze = run("help", "analyze");
        assertThat(helpAnalyze.code()).isZero();
        assertThat(helpAnalyze.out()).contains("Usage: leakhound analyze");
        Run typo = run("anlyze", "x.hprof");
        assertThat(typo.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("Did you mean: leakhound analyze");
    }

    @Test
    void jsonReportFollowsTheContract() throws Exception {
        Path json = dir.resolve("report.json");
        Run r = run("analyze", dump.toString(), "--json", json.toString(), "--top", "5");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("tool").path("name").asText()).isEqualTo("leakhound");
        assertThat(root.path("dump").path("idSize").asInt()).isEqualTo(8);
        assertThat(root.path("dump").path("format").asText()).isEqualTo("JAVA PROFILE 1.0.2");
        for (String f : List.of("objects", "classes", "gcRoots", "shallowBytes", "reachableObjects", "reachableBytes",
                "unreachableObjects", "unreachableBytes")) {
            assertThat(root.path("heap").has(f)).as(f).isTrue();
        }
        JsonNode histogram = root.path("histogram");
        long objects = 0;
        for (JsonNode c : histogram) {
            objects += c.path("instances").asLong();
            assertThat(c.has("class") && c.has("shallowBytes") && c.has("retainedBytes")).isTrue();
        }
        assertThat(objects).isEqualTo(root.path("heap").path("objects").asLong());
        assertThat(root.path("dominators")).hasSize(5);
        JsonNode first = root.path("dominators").get(0);
        assertThat(first.path("id").asText()).startsWith("0x");
        assertThat(first.path("path").get(0).path("kind").asText()).isEqualTo("root");
        assertThat(first.path("path").get(0).has("rootKind")).isTrue();
        assertThat(root.path("suspects").isArray()).isTrue();
        assertThat(root.path("findings").isArray()).isTrue();
    }

    @Test
    void demoFindsTheLeakingStaticMap() {
        Run r = run("demo", "--sessions", "20000", "--top", "5", "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("class io.leakhound.cli.demo.LeakyService").contains("through static io.leakhound.cli.demo.LeakyService.SESSIONS → java.util.HashMap").doesNotContain("\u001b[");
    }
}
