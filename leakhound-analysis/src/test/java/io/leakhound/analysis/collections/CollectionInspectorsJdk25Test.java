package io.leakhound.analysis.collections;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * {@link CollectionScenarioChecks} on a dump written by another JDK (field layouts of a newer JDK): the JDK at
 * system property {@code leakhound.otherJdk}, by default {@code /usr/lib/jvm/temurin-25-jdk-amd64}; skipped
 * when it is not installed.
 */
class CollectionInspectorsJdk25Test extends CollectionScenarioChecks {
    @Override
    Path javaHome() {
        Path home = Path.of(System.getProperty("leakhound.otherJdk", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Assumptions.assumeTrue(Files.isExecutable(home.resolve("bin").resolve("java")), "no JDK at " + home);
        return home;
    }

    @Override
    List<String> jvmOptions() {
        return List.of();
    }
}
