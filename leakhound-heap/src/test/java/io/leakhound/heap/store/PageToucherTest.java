package io.leakhound.heap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Touching pages ahead of a writer never changes what the writer wrote, and stops on request. */
class PageToucherTest {
    @TempDir
    Path parent;

    @Test
    void readsAheadOfAWriterWithoutDisturbingIt() {
        try (TempSpace space = TempSpace.create(parent);
             BigIntArray a = BigIntArray.undefined(space, "a", 3_000_000);
             BigLongArray b = BigLongArray.undefined(space, "b", 1_500_000)) {
            a.mapAll();
            b.mapAll();
            PageToucher toucher = PageToucher.start(a.length() << 2, a, b);
            for (long i = 0; i < a.length(); i++) {
                a.set(i, (int) (i * 31 + 7));
                if (i < b.length()) {
                    b.set(i, -i);
                }
            }
            toucher.stop();
            for (long i = 0; i < a.length(); i++) {
                assertThat(a.get(i)).as("a[%d]", i).isEqualTo((int) (i * 31 + 7));
            }
            for (long i = 0; i < b.length(); i++) {
                assertThat(b.get(i)).as("b[%d]", i).isEqualTo(-i);
            }
        }
    }

    @Test
    void stopsEarlyAndMayBeStoppedTwice() {
        try (TempSpace space = TempSpace.create(parent);
             BigLongArray big = BigLongArray.undefined(space, "big", 5_000_000)) {
            big.mapAll();
            PageToucher toucher = PageToucher.start(big.length() << 3, big);
            toucher.stop();
            toucher.stop();
            big.set(big.length() - 1, 42);
            assertThat(big.get(big.length() - 1)).isEqualTo(42);
        }
    }
}
