package io.leakhound.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.leakhound.live.watch.JvmTarget;
import io.leakhound.live.watch.WatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leakhound resources PID}: the open files, sockets, channels and JDBC connections of a running JVM, grouped
 * by the stack that opened them, read from the leakhound agent's resource tracker over the local JMX connector (the
 * agent is loaded first when it is not there).
 */
@Command(name = "resources", mixinStandardHelpOptions = true,
        description = {"Lists the resources a running JVM has open (files, sockets, channels, selectors, zip files,"
                + " JDBC connections), grouped by the stack that opened them, with counters per kind (open, opened,"
                + " closed, leaked: collected without close()). See docs/tracker.md.",
                "PID is a local JVM of the same user. Its leakhound agent must track resources"
                + " (-javaagent:leakhound-agent.jar=resources=sampled|all); when it does not, the agent is loaded"
                + " now with resources=all (--load-level to change, --no-load to refuse), which tracks only what is"
                + " opened from then on: run the command again later. Level all costs a stack capture per open."},
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n",
        footer = "  0  success (listed, or the agent was loaded)%n"
                + "  2  no such process, not a Java VM, or the agent is not there and cannot be loaded%n"
                + "  3  usage error%n  4  internal error (run with --debug for details)%n"
                + "  5  access refused: another user's JVM, or attach disabled")
public final class ResourcesCommand implements Callable<Integer> {
    static final String MBEAN = "io.leakhound:type=Resources";
    static final String AGENT_JAR_ENV = "LEAKHOUND_AGENT_JAR";
    private static final long LOAD_WAIT_MILLIS = 15_000;

    @Parameters(paramLabel = "PID", description = "PID of a local JVM.")
    String pidArg;

    @Option(names = "--json", description = "Print the listing as one JSON object (docs/tracker.md).")
    boolean json;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "20",
            description = "Show the N largest groups (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "12",
            description = "Frames per opening stack (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--agent-jar", paramLabel = "FILE",
            description = "The leakhound-agent.jar to load when the JVM has none (default: $" + AGENT_JAR_ENV
                    + ", else beside leakhound's own jar).")
    Path agentJar;

    @Option(names = "--load-level", paramLabel = "LEVEL", defaultValue = "all",
            description = "Tracking level when the agent is loaded now: sampled or all (default: ${DEFAULT-VALUE}).")
    String loadLevel;

    @Option(names = "--no-load", description = "Never load the agent: fail with exit code 2 when it is not there.")
    boolean noLoad;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (!pidArg.strip().matches("\\d+")) {
            throw new BadUsageException("PID must be a number: '" + pidArg + "'");
        }
        if (groups < 1 || frames < 1) {
            throw new BadUsageException("--groups and --frames must be at least 1");
        }
        if (!loadLevel.equals("all") && !loadLevel.equals("sampled")) {
            throw new BadUsageException("--load-level must be sampled or all: '" + loadLevel + "'");
        }
        long pid = Long.parseLong(pidArg.strip());
        try (JvmTarget target = attach(pid)) {
            MBeanServerConnection c = target.connection();
            ObjectName name = new ObjectName(MBEAN);
            if (!c.isRegistered(name)) {
                if (noLoad) {
                    throw new BadInputException("pid " + pid + " does not track resources (no leakhound agent with"
                            + " resources=sampled|all) and --no-load was given");
                }
                loadAgent(pid, c, name);
            }
            String listing = (String) c.invoke(name, json ? "listingJson" : "listingText",
                    new Object[] {groups, frames}, new String[] {"int", "int"});
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode out = mapper.createObjectNode().put("pid", pid);
                out.setAll((ObjectNode) mapper.readTree(listing));
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            } else {
                System.out.print(listing);
            }
            System.out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw e;
            }
            throw new BadInputException("process " + pid + " exited");
        }
    }

    private static JvmTarget attach(long pid) {
        try {
            return JvmTarget.attach(pid);
        } catch (WatchException e) {
            throw e.reason() == WatchException.Reason.ACCESS_REFUSED ? new AccessRefusedException(e.getMessage())
                    : new BadInputException(e.getMessage());
        }
    }

    private void loadAgent(long pid, MBeanServerConnection c, ObjectName name) throws IOException, JMException {
        Path jar = findAgentJar();
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgent(jar.toString(), "resources=" + loadLevel + ",port=0");
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | AgentLoadException e) {
            throw new BadInputException("cannot load the agent into pid " + pid + ": " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw new BadInputException("the agent failed to start in pid " + pid + " (its stderr says why)");
        }
        long deadline = System.currentTimeMillis() + LOAD_WAIT_MILLIS;
        while (!c.isRegistered(name)) {
            if (System.currentTimeMillis() > deadline) {
                throw new BadInputException("loaded the agent into pid " + pid + ", but it does not track resources"
                        + " (a leakhound agent without resources= may already run there: its stderr says why)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("interrupted while waiting for the agent in pid " + pid);
            }
        }
        System.err.println("leakhound: loaded the agent into pid " + pid + " (resources=" + loadLevel + "): only"
                + " resources opened from now on are tracked; run this command again later to see them");
    }

    private Path findAgentJar() {
        List<Path> candidates = new ArrayList<>();
        if (agentJar != null) {
            if (!Files.isReadable(agentJar)) {
                throw new BadUsageException("--agent-jar: cannot read " + agentJar);
            }
            return agentJar;
        }
        String env = System.getenv(AGENT_JAR_ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        try {
            Path here = Path.of(ResourcesCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = here.getParent(); // beside the jar, or beside target/classes
            candidates.add(dir.resolve("leakhound-agent.jar"));
            // the repository's layout: leakhound-cli/target/leakhound.jar (or target/classes)
            for (Path p = dir; p != null && candidates.size() < 6; p = p.getParent()) {
                candidates.add(p.resolve("leakhound-agent").resolve("target").resolve("leakhound-agent.jar"));
            }
        } catch (Exception e) {
            // no code source: only the environment
        }
        for (Path p : candidates) {
            if (Files.isReadable(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new BadInputException("the JVM does not track resources and no leakhound-agent.jar was found to load"
                + " (pass --agent-jar FILE or set " + AGENT_JAR_ENV + ")");
    }
}
