package io.leakhound.heap.index;

import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;

/**
 * Id index for dumps whose ids are 8-byte-aligned addresses in a range not much larger than the heap: one
 * bit per 8 bytes of address space and a rank directory of one count per 512 bits, so
 * {@link #indexOf(long)} is a directory read plus one cache line of bitmap. Costs about range/64 bytes
 * plus an eighth of that for the directory.
 */
public final class AddressBitmapIdIndex implements IdIndex {
    private static final int WORDS_PER_BLOCK_SHIFT = 3;

    private final long base;
    private final long bits;
    private final BigLongArray words;
    private final BigLongArray directory;
    private final long size;

    private AddressBitmapIdIndex(long base, long bits, BigLongArray words, BigLongArray directory, long size) {
        this.base = base;
        this.bits = bits;
        this.words = words;
        this.directory = directory;
        this.size = size;
    }

    /** Address range in bits needed for ids {@code min..max}. */
    public static long bitsFor(long min, long max) {
        return ((max - min) >>> 3) + 1;
    }

    /**
     * Builds the index from ids in any order (duplicates are counted once).
     *
     * @param ids the ids, {@code count} of them
     */
    public static AddressBitmapIdIndex build(TempSpace space, BigLongArray ids, long count, long min, long max) {
        long bits = bitsFor(min, max);
        long wordCount = (bits + 63) >>> 6;
        BigLongArray words = new BigLongArray(space, "idbitmap", wordCount);
        for (long i = 0; i < count; i++) {
            long bit = (ids.get(i) - min) >>> 3;
            long w = bit >>> 6;
            words.set(w, words.get(w) | (1L << bit));
        }
        // one rank per block of 8 words, every one of them set below (idAt's binary search needs them all)
        long blocks = (wordCount + 7) >>> WORDS_PER_BLOCK_SHIFT;
        BigLongArray dir = new BigLongArray(space, "idrank", blocks);
        long total = 0;
        for (long w = 0; w < wordCount; w++) {
            if ((w & 7) == 0) {
                dir.set(w >>> WORDS_PER_BLOCK_SHIFT, total);
            }
            total += Long.bitCount(words.get(w));
        }
        return new AddressBitmapIdIndex(min, bits, words, dir, total);
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
        long word = words.get(w);
        long mask = 1L << bit;
        if ((word & mask) == 0) {
            return -1;
        }
        long rank = directory.get(w >>> WORDS_PER_BLOCK_SHIFT);
        for (long i = w & ~7L; i < w; i++) {
            rank += Long.bitCount(words.get(i));
        }
        return rank + Long.bitCount(word & (mask - 1));
    }

    @Override
    public long idAt(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("object index " + index + " of " + size);
        }
        long lo = 0;
        long hi = directory.length() - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (directory.get(mid) <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long rank = directory.get(lo);
        long w = lo << WORDS_PER_BLOCK_SHIFT;
        while (true) {
            long word = words.get(w);
            int c = Long.bitCount(word);
            if (rank + c > index) {
                long remaining = index - rank;
                for (int k = 0; k < remaining; k++) {
                    word &= word - 1;
                }
                return base + ((w << 6) + Long.numberOfTrailingZeros(word)) * 8;
            }
            rank += c;
            w++;
        }
    }

    @Override
    public void mapAll() {
        words.mapAll();
        directory.mapAll();
    }

    @Override
    public void close() {
        words.close();
        directory.close();
    }
}
