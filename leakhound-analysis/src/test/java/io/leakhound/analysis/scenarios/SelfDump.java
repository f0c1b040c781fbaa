package io.leakhound.analysis.scenarios;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** How every scenario ends: dump the live objects of its own heap, readable by the owner only. */
final class SelfDump {
    private SelfDump() {
    }

    static void liveHeap(String path) throws IOException {
        Path dump = Path.of(path);
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(dump.toString(), true);
        try {
            Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temp directory's own permissions have to do
        }
    }

    /** Fails the child JVM (exit 1) with a message the test shows, when the heap state is not the intended one. */
    static void check(boolean condition, String message) {
        if (!condition) {
            System.err.println("scenario precondition failed: " + message);
            System.exit(1);
        }
    }
}
