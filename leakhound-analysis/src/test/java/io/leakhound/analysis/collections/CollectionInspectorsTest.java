package io.leakhound.analysis.collections;

import java.nio.file.Path;
import java.util.List;

/** {@link CollectionScenarioChecks} on the test's own JDK with default (compressed) oops. */
class CollectionInspectorsTest extends CollectionScenarioChecks {
    @Override
    Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    @Override
    List<String> jvmOptions() {
        return List.of();
    }
}
