package io.leakhound.heap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private temp directory (mode {@code rwx------}) for index files, removed on {@link #close()} and, as a
 * safety net, when the JVM exits. Files created here are owner-only.
 *
 * <p>Files of closed arrays are kept in a small pool and handed to later arrays that write before they read:
 * their pages are already in the page cache, and touching a cached page of a mapped file costs about a third
 * of what a page of a new sparse file costs (which the kernel must allocate and zero and the file system
 * reserve). On a large dump the analysis maps several gigabytes of arrays one phase after another.
 */
public final class TempSpace implements AutoCloseable {
    /** Files kept for reuse at most; the smallest is closed when one more comes back. */
    static final int POOLED_FILES = 8;
    private final Path dir;
    private final Thread cleanup;
    private final List<FileChannel> pool = new ArrayList<>();
    private boolean closed;

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

    /**
     * A file for an array of {@code bytes} whose contents may start undefined: the pooled file of a closed
     * array that fits best (the smallest at least that long, else the longest, which mapping extends), or a
     * new one.
     */
    synchronized FileChannel reusableFile(String prefix, long bytes) {
        int best = -1;
        long bestSize = 0;
        for (int i = 0; i < pool.size(); i++) {
            long size = sizeOf(pool.get(i));
            boolean fits = size >= bytes;
            boolean bestFits = best >= 0 && bestSize >= bytes;
            if (best < 0 || (fits && (!bestFits || size < bestSize)) || (!fits && !bestFits && size > bestSize)) {
                best = i;
                bestSize = size;
            }
        }
        return best >= 0 ? pool.remove(best) : anonymousFile(prefix);
    }

    /** Takes back the file of a closed array for reuse, or closes it when the pool is full or gone. */
    synchronized void recycle(FileChannel channel) {
        if (closed || !channel.isOpen()) {
            closeQuietly(channel);
            return;
        }
        pool.add(channel);
        if (pool.size() > POOLED_FILES) {
            int smallest = 0;
            for (int i = 1; i < pool.size(); i++) {
                if (sizeOf(pool.get(i)) < sizeOf(pool.get(smallest))) {
                    smallest = i;
                }
            }
            closeQuietly(pool.remove(smallest));
        }
    }

    /** Number of files waiting for reuse. */
    synchronized int pooledFiles() {
        return pool.size();
    }

    private static long sizeOf(FileChannel channel) {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is unlinked already; nothing else to release
        }
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
        synchronized (this) {
            closed = true;
            pool.forEach(TempSpace::closeQuietly);
            pool.clear();
        }
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
