package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.testing.HprofWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump larger than 4 GiB: two 2 GiB byte arrays (a sparse file, so the test costs no disk and the scanner
 * skips their contents), then objects past the 4 GiB mark, whose offsets, sizes and fields must survive.
 */
class LargeFileTest {
    @TempDir
    Path dir;

    private static final int BIG = Integer.MAX_VALUE - 8;

    @Test
    void objectsBeyondFourGigabytesAreIndexedAndReadBack() throws IOException {
        Path dump = dir.resolve("big.hprof");
        // metadata and the tail segment come from the test writer; the two giant arrays are written by hand
        HprofWriter head = new HprofWriter(8);
        head.defineClass(0x100, "java/lang/Object").end();
        head.defineClass(0x200, "com/example/Holder").superclass(0x100)
                .field("next", BasicType.OBJECT).field("n", BasicType.INT).end();
        head.heapDumpSegment();
        byte[] start = head.toByteArray();
        HprofWriter tail = new HprofWriter(8);
        tail.instance(0x3000, 0x200).ref(0x1000).i(7).end();
        tail.instance(0x3020, 0x200).ref(0x3000).i(8).end();
        tail.root(io.leakhound.hprof.GcRootKind.JNI_GLOBAL, 0x3020);
        tail.heapDumpSegment();
        tail.heapDumpEnd();
        byte[] tailBytes = tail.toByteArray();
        int tailHeader = (int) tail.headerLength();
        long tailStart;
        try (FileChannel ch = FileChannel.open(dump, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(start));
            long pos = start.length;
            for (long id : new long[] {0x1000, 0x2000}) {
                int sub = 1 + 8 + 4 + 4 + 1;
                ByteBuffer rec = ByteBuffer.allocate(9 + sub);
                rec.put((byte) 0x1C).putInt(0).putInt((int) ((long) sub + BIG));
                rec.put((byte) 0x23).putLong(id).putInt(0).putInt(BIG).put((byte) BasicType.BYTE.tag());
                rec.flip();
                ch.write(rec, pos);
                pos += 9 + sub + (long) BIG; // the array's bytes are a hole: zeros, never written
            }
            tailStart = pos;
            ch.write(ByteBuffer.wrap(tailBytes, tailHeader, tailBytes.length - tailHeader), pos);
        }
        assertThat(Files.size(dump)).isGreaterThan(4L << 30);
        try (HeapIndex index = HeapIndexBuilder.build(dump, new HeapIndexOptions(dir, ProgressListener.NONE, 2))) {
            assertThat(index.warnings()).isEmpty();
            assertThat(index.stats().truncated()).isFalse();
            assertThat(index.objectCount()).isEqualTo(2 + 4);
            long first = index.nodeOf(0x1000);
            long holder = index.nodeOf(0x3000);
            long last = index.nodeOf(0x3020);
            assertThat(index.shallowSize(first)).isEqualTo(index.sizeModel().arraySize(BIG, 1));
            assertThat(index.recordOffset(holder)).isGreaterThan(4L << 30).isGreaterThanOrEqualTo(tailStart);
            ObjectReader reader = new ObjectReader(index);
            assertThat(reader.instance(last).value("n")).isEqualTo(8);
            assertThat(reader.instance(last).id("next")).isEqualTo(0x3000);
            assertThat(reader.instance(holder).id("next")).isEqualTo(0x1000);
            var g = index.graph();
            assertThat(g.target(g.start(holder))).isEqualTo(first);
        }
    }
}
