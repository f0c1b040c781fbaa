package io.leakhound.heap.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test classpath in a child JVM, for scenario programs that dump their own heap. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with the given JVM options and arguments; fails with the child's output when it
     * exits non-zero or takes longer than {@code timeoutSeconds}.
     */
    public static void run(Class<?> mainClass, List<String> jvmOptions, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        run(Path.of(System.getProperty("java.home")), mainClass, jvmOptions, timeoutSeconds, args);
    }

    /** As {@link #run(Class, List, long, String...)}, with the JDK installed at {@code javaHome}. */
    public static void run(Path javaHome, Class<?> mainClass, List<String> jvmOptions, long timeoutSeconds,
                           String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("child-jvm", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM timed out: " + cmd + "\n" + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("child JVM failed with " + p.exitValue() + ": " + cmd + "\n"
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
