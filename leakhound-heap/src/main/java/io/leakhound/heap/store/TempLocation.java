package io.leakhound.heap.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a private temp directory goes when the user names none: the RAM-backed file system {@code /dev/shm}
 * (tmpfs) when the files are expected to fit comfortably in free memory, else the system temp directory.
 *
 * <p>On a disk file system the kernel writes dirty pages of the index files back to disk once they pass its
 * dirty limit (10% of memory by default), although the analysis deletes them at the end: on the 3.2 GB
 * benchmark dump that was 3.7 GB of disk writes competing for the two cores. tmpfs pages are never written
 * back. They cannot be evicted either (without swap), hence the margins: at most half the available memory
 * and three quarters of the file system's free space.
 */
public final class TempLocation {
    static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private TempLocation() {
    }

    /** The parent for a private temp directory that will hold about {@code expectedBytes} bytes. */
    public static Path forExpectedBytes(long expectedBytes) {
        return inMemory(SHARED_MEMORY, expectedBytes, availableMemory()) ? SHARED_MEMORY : systemTemp();
    }

    /** Whether {@code dir} is a writable tmpfs with room for {@code expectedBytes} within the margins. */
    static boolean inMemory(Path dir, long expectedBytes, long availableMemory) {
        if (expectedBytes <= 0 || availableMemory <= 0 || expectedBytes > availableMemory / 2) {
            return false;
        }
        try {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                return false;
            }
            FileStore store = Files.getFileStore(dir);
            return isTmpfs(store) && expectedBytes <= store.getUsableSpace() / 4 * 3;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Whether {@code dir} is on tmpfs; false when that cannot be told. */
    static boolean isTmpfs(Path dir) {
        try {
            return isTmpfs(Files.getFileStore(dir));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static boolean isTmpfs(FileStore store) {
        return store.type().equals("tmpfs");
    }

    /** Bytes of memory available without swapping ({@code MemAvailable}), or 0 when unknown. */
    static long availableMemory() {
        try {
            return availableMemory(Files.readAllLines(MEMINFO));
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    /** {@code MemAvailable} from the lines of {@code /proc/meminfo}, in bytes; 0 when missing. */
    static long availableMemory(List<String> meminfo) {
        for (String line : meminfo) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.trim().split("\\s+");
                try {
                    return Long.parseLong(parts[1]) * 1024;
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static Path systemTemp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
