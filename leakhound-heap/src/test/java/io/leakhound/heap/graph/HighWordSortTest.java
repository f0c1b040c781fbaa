package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HighWordSortTest {
    @Test
    void sortsByHighWordStablyLikeAComparisonSort() {
        sortsLikeAComparisonSort(new Random(7));
    }

    @Test
    void twoThreadsSortStablyToo() {
        long defaultMin = HighWordSort.parallelMinValues;
        HighWordSort.parallelMinValues = 2;
        try {
            sortsLikeAComparisonSort(new Random(11));
        } finally {
            HighWordSort.parallelMinValues = defaultMin;
        }
    }

    private static void sortsLikeAComparisonSort(Random rnd) {
        try (TempSpace space = TempSpace.create(null)) {
            for (int round = 0; round < 60; round++) {
                int count = rnd.nextInt(5000);
                // key ranges that need one, two and three digits, up to the full unsigned 32 bits
                long maxKey = switch (round % 4) {
                    case 0 -> 1 + rnd.nextInt(2000);
                    case 1 -> 1 + rnd.nextInt(1 << 20);
                    case 2 -> 1L << 31;
                    default -> 0xFFFF_FFFFL;
                };
                Long[] expected = new Long[count];
                try (BigLongArray values = BigLongArray.undefined(space, "values", Math.max(1, count));
                     BigLongArray scratch = BigLongArray.undefined(space, "scratch", Math.max(1, count))) {
                    for (int i = 0; i < count; i++) {
                        long key = (long) (rnd.nextDouble() * (maxKey + 1));
                        // the low word records the original position, to check stability
                        expected[i] = (Math.min(key, maxKey) << 32) | i;
                        values.set(i, expected[i]);
                    }
                    Arrays.sort(expected, Comparator.comparingLong((Long v) -> v >>> 32));
                    values.mapAll();
                    scratch.mapAll();
                    BigLongArray sorted = HighWordSort.sort(values, scratch, count, maxKey);
                    long[] actual = new long[count];
                    for (int i = 0; i < count; i++) {
                        actual[i] = sorted.get(i);
                    }
                    assertThat(actual).as("round %d, %d values up to %d", round, count, maxKey)
                            .containsExactly(Arrays.stream(expected).mapToLong(Long::longValue).toArray());
                }
            }
        }
    }
}
