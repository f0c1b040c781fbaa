package io.leakhound.analysis.scenarios;

import io.leakhound.heap.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Heap dumps of the scenario programs, for tests: each scenario runs once per test JVM (per set of JVM
 * options) in a child JVM that dumps its own heap; later calls get the same file. The dumps live in one
 * owner-only temp directory that is deleted when the test JVM exits.
 */
public final class ScenarioDumps {
    /** JVM options of every scenario run unless a test adds its own after them. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseG1GC");
    private static final long TIMEOUT_SECONDS = 90;

    private static final Map<String, Path> DUMPS = new HashMap<>();
    private static final Map<String, Double> SECONDS = new HashMap<>();
    private static Path dir;

    private ScenarioDumps() {
    }

    /** The dump of {@code scenario} run with the default JVM options. */
    public static Path dump(Class<?> scenario) {
        return dump(scenario, List.of());
    }

    /**
     * The dump of {@code scenario} run with the default JVM options followed by {@code extraJvmOptions}
     * (later options win, e.g. {@code -XX:-UseCompressedOops} or {@code -XX:+UseParallelGC}).
     */
    public static synchronized Path dump(Class<?> scenario, List<String> extraJvmOptions) {
        String key = scenario.getName() + " " + String.join(" ", extraJvmOptions);
        Path cached = DUMPS.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> options = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        options.addAll(extraJvmOptions);
        Path dump = directory().resolve(scenario.getSimpleName() + "-" + DUMPS.size() + ".hprof");
        long t0 = System.nanoTime();
        try {
            ChildJvm.run(scenario, options, TIMEOUT_SECONDS, dump.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + scenario.getName(), e);
        }
        if (!Files.isRegularFile(dump)) {
            throw new AssertionError(scenario.getName() + " exited 0 without writing " + dump);
        }
        SECONDS.put(key, (System.nanoTime() - t0) / 1e9);
        DUMPS.put(key, dump);
        return dump;
    }

    /** Wall-clock seconds of the child run that made the dump (for reports on scenario cost). */
    public static synchronized double seconds(Class<?> scenario) {
        return SECONDS.getOrDefault(scenario.getName() + " ", Double.NaN);
    }

    private static Path directory() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("leakhound-scenarios",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                try {
                    dir = Files.createTempDirectory("leakhound-scenarios");
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path toDelete = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(toDelete), "scenario-dumps-cleanup"));
        }
        return dir;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort at exit
                }
            });
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
