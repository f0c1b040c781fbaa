package io.leakhound.heap.index;

import io.leakhound.heap.store.MappedFile;

/** {@link DumpBytes} over a plain dump mapped into memory: a read is a memory access, no system call. */
final class MappedDumpBytes implements DumpBytes {
    private final MappedFile file;

    MappedDumpBytes(MappedFile file) {
        this.file = file;
    }

    @Override
    public byte getByte(long offset) {
        return file.getByte(offset);
    }

    @Override
    public short getShort(long offset) {
        return file.getShort(offset);
    }

    @Override
    public int getInt(long offset) {
        return file.getInt(offset);
    }

    @Override
    public long getLong(long offset) {
        return file.getLong(offset);
    }

    @Override
    public void release() {
        file.release();
    }

    @Override
    public void close() {
        file.close();
    }
}
