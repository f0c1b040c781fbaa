package io.leakhound.heap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temp directory (mode {@code rwx------}) for index files, removed on {@link #close()} and, as a
 * safety net, when the JVM exits. Files created here are owner-only.
 */
public final class TempSpace implements AutoCloseable {
    private final Path dir;
    private final Thread cleanup;

    private TempSpace(Path dir) {
        this.dir = dir;
        this.cleanup = new Thread(this::deleteQuietly, "leakhound-temp-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Creates a private directory under {@code parent} (the system temp directory when null). */
    public static TempSpace create(Path parent) {
        try {
            var perms = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Path dir = parent == null ? Files.createTempDirectory("leakhound-", perms)
                    : Files.createTempDirectory(parent, "leakhound-", perms);
            return new TempSpace(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private temp directory: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Creates an owner-only file, opens it read-write and unlinks it; the channel keeps it alive. */
    public FileChannel anonymousFile(String prefix) {
        try {
            Path f = Files.createTempFile(dir, prefix, ".bin",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Files.delete(f);
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp file in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to do
        }
    }

    private void deleteQuietly() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            });
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
