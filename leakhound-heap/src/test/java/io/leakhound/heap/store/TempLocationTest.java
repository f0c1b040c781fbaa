package io.leakhound.heap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index files go to tmpfs only when they fit within the margins; anything unknown means the system temp. */
class TempLocationTest {
    @TempDir
    Path dir;

    @Test
    void readsAvailableMemoryFromMeminfo() {
        assertThat(TempLocation.availableMemory(List.of("MemTotal:       24684084 kB",
                "MemFree:        20428532 kB", "MemAvailable:   23479628 kB"))).isEqualTo(23479628L * 1024);
        assertThat(TempLocation.availableMemory(List.of("MemTotal: 100 kB"))).isZero();
        assertThat(TempLocation.availableMemory(List.of("MemAvailable: lots"))).isZero();
    }

    @Test
    void aDiskDirectoryOrUnknownSizesAreNeverTakenForMemory() throws Exception {
        boolean tmpfs = Files.getFileStore(dir).type().equals("tmpfs");
        assertThat(TempLocation.inMemory(dir, 1 << 20, 64L << 30)).isEqualTo(tmpfs);
        assertThat(TempLocation.inMemory(dir, 0, 64L << 30)).as("size unknown").isFalse();
        assertThat(TempLocation.inMemory(dir, 1 << 20, 0)).as("memory unknown").isFalse();
        assertThat(TempLocation.inMemory(dir.resolve("missing"), 1 << 20, 64L << 30)).isFalse();
    }

    private static boolean isTmpfs(Path p) {
        try {
            return Files.getFileStore(p).type().equals("tmpfs");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void sharedMemoryOnlyWithinHalfTheAvailableMemory() {
        Path shm = TempLocation.SHARED_MEMORY;
        long available = 8L << 30;
        assertThat(TempLocation.inMemory(shm, available / 2 + 1, available)).isFalse();
        if (Files.isDirectory(shm) && Files.isWritable(shm) && isTmpfs(shm)) {
            assertThat(TempLocation.inMemory(shm, 1 << 20, available)).as("a small index on tmpfs").isTrue();
            assertThat(TempLocation.forExpectedBytes(1 << 20)).isEqualTo(shm);
        }
        assertThat(TempLocation.forExpectedBytes(Long.MAX_VALUE / 4))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
