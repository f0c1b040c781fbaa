package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both id indexes against a sorted set, for id ranges of every size around the bitmap's block boundaries. */
class IdIndexTest {
    private TempSpace space;

    @BeforeEach
    void setUp() {
        space = TempSpace.create(null);
    }

    @AfterEach
    void tearDown() {
        space.close();
    }

    private BigLongArray array(List<Long> ids) {
        BigLongArray a = new BigLongArray(space, "t-ids", Math.max(1, ids.size()));
        for (int i = 0; i < ids.size(); i++) {
            a.set(i, ids.get(i));
        }
        return a;
    }

    private static void check(IdIndex index, TreeSet<Long> expected, long probeFrom, long probeTo) {
        assertThat(index.size()).isEqualTo(expected.size());
        List<Long> sorted = new ArrayList<>(expected);
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(index.idAt(i)).as("idAt(%d)", i).isEqualTo(sorted.get(i));
            assertThat(index.indexOf(sorted.get(i))).isEqualTo(i);
        }
        for (long id = probeFrom; id <= probeTo; id++) {
            if (!expected.contains(id)) {
                assertThat(index.indexOf(id)).as("indexOf(0x%x)", id).isEqualTo(-1);
            }
        }
    }

    /** Every range from 1 to 40 bitmap words (8 words per rank block), with and without duplicates. */
    @Test
    void addressBitmapForEveryWordCount() {
        Random rnd = new Random(42);
        long base = 0x7_0000_0000L;
        for (int words = 1; words <= 40; words++) {
            long bits = words * 64L;
            TreeSet<Long> set = new TreeSet<>();
            set.add(base);
            set.add(base + (bits - 1) * 8); // last bit of the last word: exactly `words` words
            for (int i = 0; i < words * 3; i++) {
                set.add(base + (long) rnd.nextInt((int) bits) * 8);
            }
            List<Long> ids = new ArrayList<>(set);
            ids.add(ids.get(ids.size() / 2)); // a duplicate
            java.util.Collections.shuffle(ids, rnd);
            long min = set.first();
            long max = set.last();
            assertThat(AddressBitmapIdIndex.bitsFor(min, max)).isEqualTo(bits);
            // in two arrays, as the ranges of a parallel scan hand them over
            int half = ids.size() / 2;
            try (BigLongArray first = array(ids.subList(0, half));
                 BigLongArray second = array(ids.subList(half, ids.size()))) {
                AddressBitmapIdIndex.Builder builder = new AddressBitmapIdIndex.Builder(space, min, max);
                builder.add(first, half);
                builder.add(second, ids.size() - half);
                try (AddressBitmapIdIndex index = builder.build()) {
                    check(index, set, min - 16, max + 16);
                }
            }
        }
    }

    /** Every address taken: the in-block counts reach their largest values (448 ids before a block's last word). */
    @Test
    void addressBitmapWithEveryBitSet() {
        long base = 0x1000L;
        int words = 8 * 5 + 3;
        TreeSet<Long> set = new TreeSet<>();
        for (long bit = 0; bit < words * 64L; bit++) {
            set.add(base + bit * 8);
        }
        try (BigLongArray all = array(new ArrayList<>(set))) {
            AddressBitmapIdIndex.Builder builder = new AddressBitmapIdIndex.Builder(space, set.first(), set.last());
            builder.add(all, set.size());
            try (AddressBitmapIdIndex index = builder.build()) {
                check(index, set, base - 16, base + 16);
            }
        }
    }

    @Test
    void sortedIndexForUnalignedAndSparseIds() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 2, 3, 100, 5000}) {
            TreeSet<Long> set = new TreeSet<>();
            while (set.size() < n) {
                set.add(0x1000_0001L + rnd.nextInt(1 << 20) * 3L + (rnd.nextInt(10) == 0 ? 1L << 40 : 0));
            }
            List<Long> ids = new ArrayList<>(set);
            ids.add(ids.get(0));
            java.util.Collections.shuffle(ids, rnd);
            BigLongArray a = array(ids);
            try (SortedIdIndex index = SortedIdIndex.build(space, a, ids.size(), set.first(), set.last())) {
                check(index, set, set.first() - 4, set.first() + 4000);
            }
        }
    }
}
