package io.leakhound.heap.store;

import io.leakhound.hprof.Unmapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A private temp directory (mode {@code rwx------}) for index files, removed on {@link #close()} and, as a
 * safety net, when the JVM exits. Files created here are owner-only.
 *
 * <p>Files of closed arrays are kept in a small pool, with a record of which of their pages are in the page
 * cache, and handed to later arrays that write before they read: rewriting a cached page of a mapped file
 * costs a few percent of what a page of a new sparse file costs (which the kernel must allocate and zero, and
 * on a virtual machine the host must back: 1.7–2.4 s per GB against about 50 ms measured). On a large dump
 * the analysis maps several gigabytes of arrays one phase after another. Files can also be prepared ahead,
 * their pages allocated on an idle core, for arrays to be created under a given name ({@link #prepareZeros}).
 */
public final class TempSpace implements AutoCloseable {
    /** Files kept for reuse at most; the one with the fewest cached pages is closed when one more comes back. */
    static final int POOLED_FILES = 8;
    private static final int PAGE = 4096;
    private static final int TOUCH_WINDOW = 16 << 20;
    /** Granularity of the record of a file's cached pages (pooled or prepared). */
    static final int BLOCK = 2 << 20;
    /** With {@code leakhound.trace} set, where each array's file came from goes to stderr; for tuning. */
    private static final boolean TRACE = Boolean.getBoolean("leakhound.trace");
    private final Path dir;
    private final Thread cleanup;
    private final List<Pooled> pool = new ArrayList<>();
    /** Files of zeros for arrays of given names, their pages allocated or being allocated in the background. */
    private final List<Prepared> zeros = new ArrayList<>();
    private ExecutorService preparer;
    private boolean closed;
    /**
     * Whether the files are on tmpfs, whose pages a mapping may write as soon as they are mapped: then arrays map
     * a file's cached pages up front (see {@link Taken#cachedBlocks}). Disk file systems map pages read-only until
     * their first write (to track dirty pages), so that would add page faults there.
     */
    private final boolean inMemory;

    private TempSpace(Path dir) {
        this.dir = dir;
        this.inMemory = TempLocation.isTmpfs(dir);
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
     * A file for a new array of {@code bytes} under {@code name}, whichever costs the fewest new pages: unless the
     * array must start as zeros with few pages touched ({@link MappedArray.Start#ZEROS}), a pooled file of a
     * closed array whose cached pages cover it; else the file prepared for it (see {@link #prepareZeros}); else the
     * pooled file that covers most of it (a sparse one too: mapping extends it); else a new, sparse one.
     */
    synchronized Taken fileFor(String name, long bytes, MappedArray.Start start) {
        int best = start == MappedArray.Start.ZEROS ? -1 : leastUncached(bytes);
        long uncached = best < 0 ? bytes : pool.get(best).uncachedBytes(bytes);
        int prepared = preparedFor(name, bytes);
        if (prepared >= 0 && (best < 0 || uncached > bytes >>> 6)) {
            Prepared p = zeros.remove(prepared);
            p.taken = true;
            trace(name, bytes, p.done ? "prepared" : "being prepared");
            BitSet cached = new BitSet();
            if (inMemory) {
                long upTo = p.preparedBytes;  // no page is added once the file is taken
                cached.set(0, (int) ((upTo >= p.bytes ? upTo + BLOCK - 1 : upTo) / BLOCK));
            }
            return new Taken(p.channel, false, cached);
        }
        if (best < 0) {
            trace(name, bytes, "new");
            return new Taken(anonymousFile(name), false, new BitSet());
        }
        trace(name, bytes, (start == MappedArray.Start.DENSE_ZEROS ? "pool, cleared" : "pool")
                + (uncached > 0 ? ", " + (uncached >> 20) + " MB of it new" : ""));
        Pooled p = pool.remove(best);
        return new Taken(p.channel(), true, inMemory ? p.cached() : new BitSet());
    }

    /**
     * A file handed to an array, whether it is a closed array's (with that array's data), and which
     * {@link #BLOCK}-byte blocks of it have their pages in the page cache already and are worth mapping up front
     * (on tmpfs only): a set of the taker's own, which it may change.
     */
    record Taken(FileChannel channel, boolean reused, BitSet cachedBlocks) {
    }

    /**
     * Index of the pooled file with the fewest bytes outside the page cache among the first {@code bytes} (the
     * smaller file on a tie), or -1 when the pool is empty.
     */
    private int leastUncached(long bytes) {
        int best = -1;
        long bestUncached = 0;
        for (int i = 0; i < pool.size(); i++) {
            long uncached = pool.get(i).uncachedBytes(bytes);
            if (best < 0 || uncached < bestUncached
                    || (uncached == bestUncached && pool.get(i).size() < pool.get(best).size())) {
                best = i;
                bestUncached = uncached;
            }
        }
        return best;
    }

    /**
     * A closed array's file, its size and which {@link #BLOCK}-byte blocks of it were in the page cache when it
     * came back: the pages its array touched (and the kernel's read-ahead around them). An array that takes
     * the file costs a new page only where it goes beyond those.
     */
    private record Pooled(FileChannel channel, long size, BitSet cached) {
        static Pooled of(FileChannel channel) {
            long size = sizeOf(channel);
            BitSet cached = new BitSet();
            try {
                for (long at = 0; at < size; at += MappedArray.CHUNK_BYTES) {
                    int length = (int) Math.min(MappedArray.CHUNK_BYTES, size - at);
                    MappedByteBuffer view = channel.map(FileChannel.MapMode.READ_ONLY, at, length);
                    for (int b = 0; b < length; b += BLOCK) {
                        if (view.slice(b, Math.min(BLOCK, length - b)).isLoaded()) {
                            cached.set((int) ((at + b) / BLOCK));
                        }
                    }
                    Unmapper.unmap(view);
                }
            } catch (IOException | RuntimeException e) {
                cached.clear();  // unknown: counted as all new, which only makes it a last choice
            }
            return new Pooled(channel, size, cached);
        }

        /** Bytes of {@code [0, bytes)} outside the page cache (beyond the file's end included). */
        long uncachedBytes(long bytes) {
            long blocks = (bytes + BLOCK - 1) / BLOCK;
            long missing = blocks - cached.get(0, (int) Math.min(blocks, Integer.MAX_VALUE)).cardinality();
            return Math.min(bytes, missing * BLOCK);
        }
    }

    /**
     * Allocates, on a background thread, the pages of a file of {@code bytes} zeros for an array that will
     * be created later under {@code name}: the page faults and the kernel's zeroing then happen on a core the
     * caller leaves idle instead of on its critical path. Requests are served one after the other. An array
     * created under that name (needing at least half the bytes) takes the file even while it is being prepared:
     * the pages done so far are allocated, preparing stops, the rest come as for a new file.
     */
    public synchronized void prepareZeros(String name, long bytes) {
        if (closed || bytes <= 0) {
            return;
        }
        if (preparer == null) {
            preparer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "leakhound-prepare");
                t.setDaemon(true);
                return t;
            });
        }
        FileChannel channel = anonymousFile(name);
        try {
            channel.write(ByteBuffer.allocate(1), bytes - 1);  // the file's length, so windows can be read
        } catch (IOException e) {
            closeQuietly(channel);
            return;  // nothing prepared; the array gets a file as if not asked for
        }
        Prepared p = new Prepared(name, bytes, channel);
        zeros.add(p);
        preparer.execute(() -> prepare(p));
    }

    private void prepare(Prepared p) {
        if (touchEveryPage(p)) {
            p.done = true;
            trace(p.name, p.bytes, p.taken ? "prepared in the background, taken before the end"
                    : "prepared in the background");
        } else {
            synchronized (this) {
                if (zeros.remove(p)) {
                    closeQuietly(p.channel);  // nothing prepared; an array gets a file as if not asked for
                }
            }
        }
    }

    /** A file of zeros being prepared, or prepared, for the array of a name; its flags are for two threads. */
    private static final class Prepared {
        final String name;
        final long bytes;
        final FileChannel channel;
        /** An array has the file: stop preparing it. */
        volatile boolean taken;
        /** Every page was allocated. */
        volatile boolean done;
        /** Bytes from the start whose pages are allocated so far. */
        volatile long preparedBytes;
        /** Sum of the bytes read, kept so the reads are not optimized away. */
        int readSum;

        Prepared(String name, long bytes, FileChannel channel) {
            this.name = name;
            this.bytes = bytes;
            this.channel = channel;
        }
    }

    /**
     * Reads one byte of every page, through small windows so the resident set grows by one window at most, until
     * an array takes the file (reading allocates the pages as writing would, and never disturbs what that array
     * writes meanwhile); false when that fails.
     */
    private static boolean touchEveryPage(Prepared p) {
        try {
            for (long start = 0; start < p.bytes && !p.taken; start += TOUCH_WINDOW) {
                int size = (int) Math.min(TOUCH_WINDOW, p.bytes - start);
                MappedByteBuffer b = p.channel.map(FileChannel.MapMode.READ_ONLY, start, size);
                int sum = 0;
                for (int at = 0; at < size; at += PAGE) {
                    sum += b.get(at);
                }
                p.readSum += sum;
                Unmapper.unmap(b);
                p.preparedBytes = start + size;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void trace(String name, long bytes, String source) {
        if (TRACE) {
            System.err.printf("[trace] file %s %d MB: %s%n", name, bytes >> 20, source);
        }
    }

    /** Index of the file being prepared or prepared for an array of {@code bytes} under {@code name}, or -1. */
    private int preparedFor(String name, long bytes) {
        for (int i = 0; i < zeros.size(); i++) {
            Prepared p = zeros.get(i);
            if (p.name.equals(name) && p.bytes / 2 <= bytes) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Takes back the file of a closed array for reuse, or closes it when the space is closed; when the pool is
     * full, the file with the fewest cached pages goes.
     */
    synchronized void recycle(FileChannel channel) {
        if (closed || !channel.isOpen()) {
            closeQuietly(channel);
            return;
        }
        pool.add(Pooled.of(channel));
        if (pool.size() > POOLED_FILES) {
            int poorest = 0;
            for (int i = 1; i < pool.size(); i++) {
                if (pool.get(i).cached().cardinality() < pool.get(poorest).cached().cardinality()) {
                    poorest = i;
                }
            }
            closeQuietly(pool.remove(poorest).channel());
        }
    }

    /**
     * Frees the files kept for reuse and the prepared ones no array took, on a background thread: for when no
     * more big arrays are coming, so that the kernel's freeing of their pages overlaps the caller's remaining
     * work instead of adding to {@link #close()}. Arrays created later still work; they get new files.
     */
    public void dropSpareFilesInBackground() {
        List<FileChannel> spare = new ArrayList<>();
        synchronized (this) {
            pool.forEach(p -> spare.add(p.channel()));
            zeros.forEach(z -> {
                z.taken = true;
                spare.add(z.channel);
            });
            pool.clear();
            zeros.clear();
        }
        if (!spare.isEmpty()) {
            Thread t = new Thread(() -> spare.forEach(TempSpace::closeQuietly), "leakhound-free-spare");
            t.setDaemon(true);  // files are unlinked: if the process ends first, the kernel frees them anyway
            t.start();
        }
    }

    /** Number of files of zeros prepared completely and waiting for an array. */
    synchronized int preparedFiles() {
        return (int) zeros.stream().filter(z -> z.done).count();
    }

    /** Number of files waiting for reuse. */
    synchronized int pooledFiles() {
        return pool.size();
    }

    /** Sizes of the files waiting for reuse. */
    synchronized List<Long> pooledSizes() {
        return pool.stream().map(Pooled::size).toList();
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
            pool.forEach(p -> closeQuietly(p.channel()));
            pool.clear();
            zeros.forEach(z -> {
                z.taken = true;
                closeQuietly(z.channel);
            });
            zeros.clear();
            if (preparer != null) {
                preparer.shutdownNow();
            }
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
