package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.cli.scenarios.OpenFilesApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound resources PID} on real child JVMs: one started with the agent lists the files it holds open at
 * the line that opened them, in text and JSON; one started without it gets the agent loaded, and lists what it
 * opens afterwards; targets that cannot be read get one line and their exit code.
 */
class ResourcesCommandTest {
    static final Path AGENT_JAR = Path.of("..", "leakhound-agent", "target", "leakhound-agent.jar").toAbsolutePath()
            .normalize();
    @TempDir
    Path dir;

    private static void assertError(CliTest.Run r, int code, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("leakhound: ").contains(fragment).doesNotContain("\n")
                .doesNotContain("Exception");
    }

    /** A child JVM running {@link OpenFilesApp}, with the agent when {@code agentArgs} is not null. */
    private record App(Process process, BufferedReader out, PrintWriter in) {
        int open(int n) throws Exception {
            in.println("open " + n);
            String line = out.readLine();
            assertThat(line).startsWith("opened ");
            return Integer.parseInt(line.substring(7));
        }
    }

    private App start(String agentArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m"));
        if (agentArgs != null) {
            cmd.add("-javaagent:" + AGENT_JAR + "=" + agentArgs);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenFilesApp.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        App app = new App(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(app.out().readLine()).isEqualTo("started");
        return app;
    }

    private static String site(int line) {
        return OpenFilesApp.class.getName() + ".openFiles(OpenFilesApp.java:" + line + ")";
    }

    @Test
    void listsTheFilesAJvmWithTheAgentHoldsOpenAtTheirLineInTextAndJson() throws Exception {
        assertThat(Files.isReadable(AGENT_JAR)).as(AGENT_JAR.toString()).isTrue();
        App app = start("port=0,resources=all");
        try {
            int line = app.open(7);
            String pid = Long.toString(app.process().pid());
            CliTest.Run text = CliTest.run("resources", pid, "--no-load");
            assertThat(text.code()).as(text.err()).isZero();
            assertThat(text.out()).startsWith("tracked resources: level all, ")
                    .contains("\n7 open file java.io.FileInputStream, oldest ")
                    .contains(", opened at " + site(line) + "\n    at java.io.FileInputStream.<init>(");
            CliTest.Run json = CliTest.run("resources", pid, "--json", "--groups", "50", "--frames", "3");
            assertThat(json.code()).as(json.err()).isZero();
            JsonNode root = new ObjectMapper().readTree(json.out());
            assertThat(root.path("pid").asLong()).isEqualTo(app.process().pid());
            JsonNode group = null;
            for (JsonNode g : root.path("groups")) {
                if (g.path("site").asText().equals(site(line))) {
                    group = g;
                }
            }
            assertThat(group).as(json.out()).isNotNull();
            assertThat(group.path("count").asInt()).isEqualTo(7);
            assertThat(group.path("kind").asText()).isEqualTo("file");
            assertThat(group.path("openedAt").size()).isEqualTo(3);
        } finally {
            app.process().destroyForcibly();
        }
    }

    @Test
    void loadsTheAgentIntoAJvmWithoutItAndListsWhatItOpensAfterwards() throws Exception {
        App app = start(null);
        try {
            String pid = Long.toString(app.process().pid());
            assertError(CliTest.run("resources", pid, "--no-load"), ExitCodes.BAD_INPUT, "does not track resources");
            app.open(2); // before the agent: never tracked
            CliTest.Run load = CliTest.run("resources", pid, "--agent-jar", AGENT_JAR.toString());
            assertThat(load.code()).as(load.err()).isZero();
            assertThat(load.err()).contains("loaded the agent into pid " + pid + " (resources=all)");
            int line = app.open(3);
            CliTest.Run r = CliTest.run("resources", pid);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\n3 open file java.io.FileInputStream, oldest ")
                    .contains(", opened at " + site(line) + "\n").doesNotContain("\n2 open file");
        } finally {
            app.process().destroyForcibly();
        }
    }

    @Test
    void targetsThatCannotBeReadGetOneLineAndTheirExitCode() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertError(CliTest.run("resources", Long.toString(gone.pid())), ExitCodes.BAD_INPUT,
                "no such process: " + gone.pid());
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertError(CliTest.run("resources", Long.toString(sleeper.pid())), ExitCodes.BAD_INPUT,
                    "is not a Java VM");
        } finally {
            sleeper.destroyForcibly();
        }
        assertError(CliTest.run("resources", "twelve"), ExitCodes.USAGE, "PID must be a number");
        assertError(CliTest.run("resources", "1", "--load-level", "paranoid"), ExitCodes.USAGE, "--load-level");
        CliTest.Run help = CliTest.run("resources", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("5 access refused").contains("--json");
    }
}
