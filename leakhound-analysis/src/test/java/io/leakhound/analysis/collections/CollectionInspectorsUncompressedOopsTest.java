package io.leakhound.analysis.collections;

import java.nio.file.Path;
import java.util.List;

/** {@link CollectionScenarioChecks} with 8-byte references ({@code -XX:-UseCompressedOops}). */
class CollectionInspectorsUncompressedOopsTest extends CollectionScenarioChecks {
    @Override
    Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-XX:-UseCompressedOops");
    }
}
