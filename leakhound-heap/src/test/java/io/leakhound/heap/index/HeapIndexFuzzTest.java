package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.HprofException;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged dumps (seeded random byte changes after the header): indexing either refuses the file with an
 * {@link HprofException} or returns an index whose every object, edge and root can be read.
 */
class HeapIndexFuzzTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void damagedDumpsNeverThrowUnexpectedExceptions(int idSize) {
        byte[] clean = new SmallGraph(idSize, 0x1000, 0x100).dump(3).toByteArray();
        Path file = dir.resolve("fuzz.hprof");
        int indexed = 0;
        for (int seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed * 31L + idSize);
            byte[] b = clean.clone();
            int changes = 1 + rnd.nextInt(4);
            for (int i = 0; i < changes; i++) {
                int at = 31 + rnd.nextInt(b.length - 31);
                b[at] = switch (rnd.nextInt(4)) {
                    case 0 -> (byte) rnd.nextInt(256);
                    case 1 -> (byte) (b[at] ^ (1 << rnd.nextInt(8)));
                    case 2 -> (byte) 0xFF;
                    default -> 0;
                };
            }
            if (rnd.nextInt(4) == 0) {
                b = Arrays.copyOf(b, 31 + rnd.nextInt(b.length - 31));
            }
            HprofWriter.write(file, b);
            String what = "seed " + seed;
            try (HeapIndex index = TestDumps.index(file, dir)) {
                IndexSnapshot s = IndexSnapshot.of(index);
                assertThat(s.objects()).as(what).hasSize((int) index.objectCount());
                for (long n = 0; n < index.objectCount(); n++) {
                    for (long e = index.graph().start(n); e < index.graph().end(n); e++) {
                        assertThat(index.graph().target(e)).as(what).isLessThan(index.objectCount());
                    }
                }
                indexed++;
            } catch (HprofException e) {
                assertThat(e.getMessage()).as(what).doesNotContain("\n");
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }
        assertThat(indexed).isGreaterThan(250);
    }
}
