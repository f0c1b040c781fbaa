package io.leakhound.heap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of closed arrays are reused, zeroed arrays still read as zeros, and the pool stays bounded. */
class TempSpacePoolTest {
    @TempDir
    Path parent;

    /** Fills an array of {@code longs} non-zero longs and closes it: its file is then the only pooled one. */
    private static void poolAFileWithData(TempSpace space, long longs) {
        BigLongArray old = BigLongArray.undefined(space, "old", longs);
        for (long i = 0; i < old.length(); i++) {
            old.set(i, -1L - i);
        }
        old.close();
        assertThat(space.pooledFiles()).isEqualTo(1);
    }

    @Test
    void arraysOfZerosNeverReuseAFile() {
        try (TempSpace space = TempSpace.create(parent)) {
            poolAFileWithData(space, 300_000);
            try (BigIntArray zeros = new BigIntArray(space, "zeros", 1_000_000)) {
                assertThat(space.pooledFiles()).isEqualTo(1);
                for (long i = 0; i < zeros.length(); i += 997) {
                    assertThat(zeros.get(i)).as("element %d", i).isZero();
                }
            }
            try (BigIntArray reused = BigIntArray.undefined(space, "reused", 1_000_000)) {
                assertThat(space.pooledFiles()).isEqualTo(1);  // took the pooled file that fits
            }
        }
    }

    @Test
    void denseArraysOfZerosReuseAPooledFileClearedFirst() {
        try (TempSpace space = TempSpace.create(parent)) {
            poolAFileWithData(space, 600_000);
            try (BigIntArray dense = BigIntArray.dense(space, "dense", 1_000_000);
                 BigLongArray longs = BigLongArray.dense(space, "longs", 1_000)) {
                assertThat(space.pooledFiles()).as("the dense array took the pooled file").isZero();
                for (long i = 0; i < dense.length(); i++) {
                    assertThat(dense.get(i)).as("element %d", i).isZero();
                }
                for (long i = 0; i < longs.length(); i++) {
                    assertThat(longs.get(i)).isZero();
                }
            }
        }
    }

    @Test
    void preparedFilesGoToTheArraysTheyWereMadeFor() throws InterruptedException {
        try (TempSpace space = TempSpace.create(parent)) {
            BigLongArray dirty = BigLongArray.undefined(space, "dirty", 20_000);
            dirty.close();  // a pooled file with data: never for an array of zeros
            space.prepareZeros("big", 80_000);
            space.prepareZeros("small", 40_000);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (space.preparedFiles() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(space.preparedFiles()).isEqualTo(2);
            try (BigIntArray other = BigIntArray.undefined(space, "other", 10_000)) {
                assertThat(space.preparedFiles()).as("not prepared for it").isEqualTo(2);
                assertThat(space.pooledFiles()).isZero();
                try (BigLongArray big = new BigLongArray(space, "big", 10_000);
                     BigIntArray small = BigIntArray.undefined(space, "small", 10_000)) {
                    assertThat(space.preparedFiles()).isZero();
                    for (long i = 0; i < 10_000; i++) {
                        assertThat(big.get(i)).isZero();
                    }
                    assertThat(small.get(0)).as("undefined arrays are still poisoned in tests")
                            .isEqualTo(0xA5A5A5A5);
                }
            }
        }
    }

    @Test
    void anArrayTakesItsFileWhileItIsStillBeingPrepared() throws InterruptedException {
        try (TempSpace space = TempSpace.create(parent)) {
            space.prepareZeros("first", 64L << 20);  // keeps the preparer busy
            space.prepareZeros("second", 64L << 20);
            try (BigIntArray second = new BigIntArray(space, "second", 16L << 20)) {
                for (long i = 0; i < second.length(); i += 997) {
                    second.set(i, (int) i + 1);
                }
                for (long i = 0; i < second.length(); i++) {
                    assertThat(second.get(i)).as("element %d", i).isEqualTo(i % 997 == 0 ? (int) i + 1 : 0);
                }
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (space.preparedFiles() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(space.preparedFiles()).as("only the first is left").isEqualTo(1);
        }
    }

    @Test
    void spareFilesCanBeDroppedAndArraysStillWork() throws InterruptedException {
        try (TempSpace space = TempSpace.create(parent)) {
            new BigIntArray(space, "a", 1000).close();
            space.prepareZeros("b", 4000);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (space.preparedFiles() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            space.dropSpareFilesInBackground();
            assertThat(space.pooledFiles()).isZero();
            assertThat(space.preparedFiles()).isZero();
            try (BigIntArray b = new BigIntArray(space, "b", 1000)) {
                b.set(999, 5);
                assertThat(b.get(999)).isEqualTo(5);
                assertThat(b.get(0)).isZero();
            }
        }
    }

    @Test
    void aPooledFileWhosePagesAreCachedBeatsABetterFittingSparseOne() {
        try (TempSpace space = TempSpace.create(parent)) {
            BigLongArray written = BigLongArray.undefined(space, "written", 2L << 20);  // 16 MB, every page
            for (long i = 0; i < written.length(); i += 512) {
                written.set(i, i);
            }
            BigLongArray sparse = new BigLongArray(space, "sparse", 1L << 20);  // 8 MB, one page at the end
            sparse.set(sparse.length() - 1, 1);
            written.close();
            sparse.close();
            try (BigLongArray taken = BigLongArray.undefined(space, "taken", 1L << 20)) {
                assertThat(space.pooledSizes()).as("the sparse file fits better but is not cached")
                        .containsExactly(8L << 20);
            }
        }
    }

    @Test
    void aCachedPooledFileBeatsOnePreparedInTheBackground() throws InterruptedException {
        try (TempSpace space = TempSpace.create(parent)) {
            BigIntArray old = BigIntArray.undefined(space, "old", 1L << 20);
            for (long i = 0; i < old.length(); i += 1024) {
                old.set(i, 1);
            }
            old.close();
            space.prepareZeros("next", 4L << 20);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (space.preparedFiles() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (BigIntArray next = BigIntArray.dense(space, "next", 1L << 20)) {
                assertThat(space.pooledFiles()).as("the pooled file was taken").isZero();
                assertThat(space.preparedFiles()).as("the prepared one was left").isEqualTo(1);
                for (long i = 0; i < next.length(); i += 1021) {
                    assertThat(next.get(i)).as("element %d", i).isZero();
                }
            }
        }
    }

    /** Minor page faults of this process so far (field 10 of {@code /proc/self/stat}), -1 when unknown. */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void writingAReusedFilesCachedPagesTakesFewPageFaultsOnTmpfs() throws Exception {
        assumeThat(minorFaults()).as("/proc/self/stat").isNotNegative();
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs")).as("tmpfs").isTrue();
        long longs = 4L << 20;  // 32 MB: 8,192 pages
        long pages = (longs << 3) / 4096;
        try (TempSpace space = TempSpace.create(shm)) {
            poolAFileWithData(space, longs);
            space.prepareZeros("prepared", longs << 3);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (space.preparedFiles() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (String name : List.of("old", "prepared")) {  // the pooled file's pages, then the prepared one's
                long before = minorFaults();  // the array's creation included: tests fill undefined arrays
                try (BigLongArray again = BigLongArray.undefined(space, name, longs)) {
                    for (long i = 0; i < again.length(); i += 512) {
                        again.set(i, i);
                    }
                    long faults = minorFaults() - before;
                    assertThat(faults).as("page faults writing %d cached pages of the %s file", pages, name)
                            .isLessThan(pages / 4);
                    for (long i = 0; i < again.length(); i += 512) {
                        assertThat(again.get(i)).isEqualTo(i);
                    }
                }
            }
        }
    }

    @Test
    void closingTwiceHandsTheFileBackOnce() {
        try (TempSpace space = TempSpace.create(parent)) {
            BigIntArray a = new BigIntArray(space, "a", 1000);
            a.close();
            a.close();
            assertThat(space.pooledFiles()).isEqualTo(1);
        }
    }

    @Test
    void undefinedArraysStartAsGarbageInTests() {
        assertThat(Boolean.getBoolean(MappedArray.POISON_PROPERTY))
                .as("the build sets %s for tests", MappedArray.POISON_PROPERTY).isTrue();
        try (TempSpace space = TempSpace.create(parent);
             BigIntArray undefined = BigIntArray.undefined(space, "undefined", 10_000)) {
            assertThat(undefined.get(0)).isEqualTo(0xA5A5A5A5);
            assertThat(undefined.get(9_999)).isEqualTo(0xA5A5A5A5);
        }
    }

    @Test
    void poolIsBoundedAndClosedWithTheSpace() throws Exception {
        TempSpace space = TempSpace.create(parent);
        BigIntArray[] arrays = new BigIntArray[TempSpace.POOLED_FILES + 3];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new BigIntArray(space, "a" + i, 1000L * (i + 1));
            arrays[i].set(arrays[i].length() - 1, 7);
        }
        for (BigIntArray a : arrays) {
            a.close();
        }
        assertThat(space.pooledFiles()).isEqualTo(TempSpace.POOLED_FILES);
        // the best fit is the smallest pooled file at least as long as asked for
        try (BigIntArray reused = BigIntArray.undefined(space, "reused", 9_500)) {
            assertThat(reused.get(9_499)).isNotEqualTo(7);  // poisoned, not the old data
        }
        space.close();
        assertThat(space.pooledFiles()).isZero();
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }
}
