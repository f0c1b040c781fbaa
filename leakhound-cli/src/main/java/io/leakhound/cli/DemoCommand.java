package io.leakhound.cli;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.cli.demo.LeakyService;
import io.leakhound.heap.store.TempSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leakhound demo}: runs a small bundled service that leaks through a static map cache in a child JVM,
 * dumps its heap and analyzes the dump, offline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a bundled leaking service in a child JVM (a static map used as a session cache that"
                + " only grows), dumps its heap, and analyzes the dump. Works offline.",
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n", footer = ExitCodes.HELP)
public final class DemoCommand implements Callable<Integer> {
    static final int DEFAULT_TOP = 10;

    @Option(names = "--sessions", defaultValue = "60000", description = "Sessions the demo service leaks (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--keep-dump", paramLabel = "FILE", description = "Keep the demo's heap dump at this path.")
    Path keepDump;

    @Mixin
    ReportOptions output = new ReportOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (TempSpace space = TempSpace.create(null)) {
            Path dump = space.dir().resolve("demo.hprof");
            System.err.println("leakhound demo: starting a service that leaks " + sessions
                    + " sessions into a static map, then dumping its heap...");
            runChild(dump);
            if (keepDump != null) {
                Files.copy(dump, keepDump, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(keepDump, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            int top = output.top(DEFAULT_TOP);
            AnalysisReport report = AnalyzeCommand.run(dump, top, false, null, AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD);
            ReportPrinter.print(report, output, top, false);
            return ExitCodes.OK;
        }
    }

    private void runChild(Path dump) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = classpath();
        List<String> cmd = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", cp, LeakyService.class.getName(),
                dump.toString(), Integer.toString(sessions));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the demo service did not finish in 5 minutes");
        }
        if (p.exitValue() != 0 || !Files.exists(dump)) {
            throw new IllegalStateException("the demo service failed (exit " + p.exitValue() + ")");
        }
    }

    private static String classpath() {
        try {
            return Path.of(LeakyService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            return System.getProperty("java.class.path");
        }
    }
}
