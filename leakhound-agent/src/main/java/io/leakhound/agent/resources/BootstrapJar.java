package io.leakhound.agent.resources;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

/**
 * Puts the tracker's jar, carried inside the agent jar, on the bootstrap class path: instrumented JDK classes
 * are defined by the bootstrap loader and can only call classes it sees. The agent's own classes then find the
 * tracker there too (class loaders ask their parent first), so there is one tracker in the JVM. This class must
 * not use the tracker's classes itself: they may only be loaded after the jar is appended.
 */
final class BootstrapJar {
    static final String RESOURCE = "META-INF/leakhound/leakhound-tracker.jar";
    private static volatile boolean appended;

    private BootstrapJar() {
    }

    static synchronized void append(Instrumentation inst) throws IOException {
        if (appended) {
            return;
        }
        Path jar;
        try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the agent jar holds no " + RESOURCE + " (build it with mvn package)");
            }
            jar = tempFile();
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            inst.appendToBootstrapClassLoaderSearch(f);
        }
        appended = true;
        // the VM keeps the file open once it is on the class path; it goes when the JVM exits
        jar.toFile().deleteOnExit();
    }

    private static Path tempFile() throws IOException {
        try {
            return Files.createTempFile("leakhound-tracker-", ".jar",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile("leakhound-tracker-", ".jar");
        }
    }
}
