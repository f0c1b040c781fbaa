package io.leakhound.heap.index;

import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;

/**
 * Id index for dumps whose ids are 8-byte-aligned addresses in a range not much larger than the heap: one
 * bit per 8 bytes of address space, in blocks of 512 bits each preceded by the number of ids before the
 * block and, packed in one long, the number before each of its words within the block (seven 9-bit counts,
 * as in Vigna's rank9), so {@link #indexOf(long)} reads three longs of one 80-byte block and counts the bits
 * of one word. Costs about range/64 bytes plus a quarter of that for the counts.
 */
public final class AddressBitmapIdIndex implements IdIndex {
    private static final int WORDS_PER_BLOCK_SHIFT = 3;

    /** Longs per block: the count of ids before the block, the counts before each word, then 8 bitmap words. */
    private static final int BLOCK = 10;
    /** Position in a block of its word counts: 9 bits for each word {@code k = 1..7} at bit {@code 9 (k - 1)}. */
    private static final int COUNTS = 1;
    /** Position in a block of its first bitmap word. */
    private static final int WORDS = 2;
    private static final int COUNT_BITS = 9;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final long base;
    private final long bits;
    private final BigLongArray blocks;
    private final long blockCount;
    private final long size;

    private AddressBitmapIdIndex(long base, long bits, BigLongArray blocks, long blockCount, long size) {
        this.base = base;
        this.bits = bits;
        this.blocks = blocks;
        this.blockCount = blockCount;
        this.size = size;
    }

    /** Position in {@link #blocks} of bitmap word {@code w}. */
    private static long wordAt(long w) {
        return (w >>> WORDS_PER_BLOCK_SHIFT) * BLOCK + WORDS + (w & 7);
    }

    /** Address range in bits needed for ids {@code min..max}. */
    public static long bitsFor(long min, long max) {
        return ((max - min) >>> 3) + 1;
    }

    /**
     * Collects ids in any order, from any number of arrays, into an index of ids {@code min..max} (duplicates
     * are counted once).
     */
    public static final class Builder {
        private final long min;
        private final long bits;
        private final long blockCount;
        private final BigLongArray blocks;

        public Builder(TempSpace space, long min, long max) {
            this.min = min;
            this.bits = bitsFor(min, max);
            long wordCount = (bits + 63) >>> 6;
            this.blockCount = (wordCount + 7) >>> WORDS_PER_BLOCK_SHIFT;
            this.blocks = new BigLongArray(space, "idbitmap", blockCount * BLOCK);
        }

        /** Adds the first {@code count} ids of {@code ids} (each within the bounds given). */
        public void add(BigLongArray ids, long count) {
            for (long i = 0; i < count; i++) {
                long bit = (ids.get(i) - min) >>> 3;
                long at = wordAt(bit >>> 6);
                blocks.set(at, blocks.get(at) | (1L << bit));
            }
        }

        /** The index of the ids added; counts ids before each block and before each word in its block. */
        public AddressBitmapIdIndex build() {
            long total = 0;
            for (long b = 0; b < blockCount; b++) {
                long at = b * BLOCK;
                blocks.set(at, total);
                long counts = 0;
                int inBlock = 0;
                for (int k = 0; k < 8; k++) {
                    if (k > 0) {
                        counts |= (long) inBlock << (COUNT_BITS * (k - 1));
                    }
                    inBlock += Long.bitCount(blocks.get(at + WORDS + k));
                }
                blocks.set(at + COUNTS, counts);
                total += inBlock;
            }
            return new AddressBitmapIdIndex(min, bits, blocks, blockCount, total);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long indexOf(long id) {
        long off = id - base;
        if (off < 0 || (off & 7) != 0) {
            return -1;
        }
        long bit = off >>> 3;
        if (bit >= bits) {
            return -1;
        }
        long w = bit >>> 6;
        long block = (w >>> WORDS_PER_BLOCK_SHIFT) * BLOCK;
        int k = (int) (w & 7);
        long word = blocks.get(block + WORDS + k);
        long mask = 1L << bit;
        if ((word & mask) == 0) {
            return -1;
        }
        long inBlock = k == 0 ? 0 : (blocks.get(block + COUNTS) >>> (COUNT_BITS * (k - 1))) & COUNT_MASK;
        return blocks.get(block) + inBlock + Long.bitCount(word & (mask - 1));
    }

    @Override
    public long idAt(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("object index " + index + " of " + size);
        }
        long lo = 0;
        long hi = blockCount - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (blocks.get(mid * BLOCK) <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long rank = blocks.get(lo * BLOCK);
        for (int k = 0; k < 8; k++) {
            long word = blocks.get(lo * BLOCK + WORDS + k);
            int c = Long.bitCount(word);
            if (rank + c > index) {
                long remaining = index - rank;
                for (int j = 0; j < remaining; j++) {
                    word &= word - 1;
                }
                return base + (((lo << WORDS_PER_BLOCK_SHIFT) + k) * 64 + Long.numberOfTrailingZeros(word)) * 8;
            }
            rank += c;
        }
        throw new IllegalStateException("rank directory out of step at block " + lo);
    }

    @Override
    public void mapAll() {
        blocks.mapAll();
    }

    @Override
    public void close() {
        blocks.close();
    }
}
