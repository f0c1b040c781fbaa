package io.leakhound.heap.index;

/**
 * Maps object ids (addresses in HotSpot dumps) to dense indexes {@code 0..size()-1} in ascending id order,
 * and back. Implementations are immutable and safe for concurrent reads.
 */
public interface IdIndex extends AutoCloseable {
    /** Number of distinct ids. */
    long size();

    /** Dense index of an id, or -1 when the dump holds no object with that id. */
    long indexOf(long id);

    /** The id at a dense index. Fast enough for reports, not meant for hot loops. */
    long idAt(long index);

    /** Maps all backing arrays now, so that concurrent readers never race to map them. */
    void mapAll();

    @Override
    void close();
}
