package io.leakhound.heap.index;

/**
 * Random big-endian reads of the dump's uncompressed bytes at absolute offsets, for {@link ObjectReader}'s
 * allocation-free field and element reads. Implementations are safe for use from several threads.
 */
interface DumpBytes extends AutoCloseable {
    byte getByte(long offset);

    short getShort(long offset);

    int getInt(long offset);

    long getLong(long offset);

    /** Drops cached or mapped pages from the resident set; later reads bring them back. */
    default void release() {
    }

    /** An unsigned identifier of 4 or 8 bytes. */
    default long getId(long offset, int idSize) {
        return idSize == 8 ? getLong(offset) : Integer.toUnsignedLong(getInt(offset));
    }

    @Override
    void close();
}
