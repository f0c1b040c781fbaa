package io.leakhound.live.watch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * Heap dumps of a watched JVM through its {@code HotSpotDiagnostic} MXBean ({@code dumpHeap(file, live=true)}:
 * only reachable objects, after a full GC). The target JVM writes the file, so its path is on the target's
 * host.
 *
 * <p>Local targets: the dump is written into a fresh {@code rwx------} directory inside the chosen one, made
 * {@code rw-------}, then moved beside it; nobody else can open it at any moment. Remote targets: the file is
 * on the remote host, with that JVM's default permissions, and is not analyzed here.
 */
public final class HeapDumper {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private HeapDumper() {
    }

    /** A file name for a dump of {@code who} taken now: {@code leakhound-<who>-<yyyyMMdd-HHmmss>.hprof}. */
    public static String fileName(String who) {
        return "leakhound-" + who.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDateTime.now().format(STAMP)
                + ".hprof";
    }

    /** Dumps a JVM on this host into {@code dir} (created if missing), owner-only; returns the file. */
    public static Path dumpLocal(MBeanServerConnection connection, Path dir, String who)
            throws IOException, JMException {
        Path target = dir.toAbsolutePath();
        Files.createDirectories(target);
        Path file = target.resolve(fileName(who));
        Path privateDir = Files.createTempDirectory(target, ".leakhound-dump-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path inside = privateDir.resolve(file.getFileName());
            try {
                dump(connection, inside.toString());
            } catch (JMException | IOException e) {
                // a JVM of another user (we are root) cannot write into our private directory: dump directly
                dump(connection, file.toString());
                ownerOnly(file);
                return file;
            }
            ownerOnly(inside);
            try {
                Files.move(inside, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(inside, file);
            }
            return file;
        } finally {
            Files.deleteIfExists(privateDir.resolve(file.getFileName()));
            Files.deleteIfExists(privateDir);
        }
    }

    /** Dumps a remote JVM into {@code dir} on its own host; returns the remote path. */
    public static String dumpRemote(MBeanServerConnection connection, String dir, String who)
            throws IOException, JMException {
        String sep = dir.endsWith("/") || dir.endsWith("\\") ? "" : "/";
        String path = dir + sep + fileName(who);
        dump(connection, path);
        return path;
    }

    private static void dump(MBeanServerConnection connection, String path) throws IOException, JMException {
        connection.invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                new Object[] {path, Boolean.TRUE}, new String[] {String.class.getName(), boolean.class.getName()});
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
