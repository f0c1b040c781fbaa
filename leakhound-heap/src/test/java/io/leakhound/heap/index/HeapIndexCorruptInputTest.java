package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.HprofException;
import io.leakhound.hprof.testing.HprofWriter;
import io.leakhound.hprof.testing.HprofWriter.Record;
import io.leakhound.hprof.testing.HprofWriter.SubRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and odd dumps: what is skipped, what is kept, what is counted, and what is refused. */
class HeapIndexCorruptInputTest {
    static final long OBJECT = 0x100;
    static final long NODE = 0x200;
    static final long OBJ_ARRAY = 0x300;

    @TempDir
    Path dir;

    /** No test may leave a temp directory or inflated copy behind, whether indexing worked or failed. */
    @AfterEach
    void noTempLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("leakhound-") || name.startsWith("inflated-"));
        }
    }

    /** java.lang.Object, Node {Object next; int value}, Object[]; heap sub-records left queued. */
    static HprofWriter classes(int idSize) {
        HprofWriter w = new HprofWriter(idSize);
        w.defineClass(OBJECT, "java/lang/Object").end();
        w.defineClass(NODE, "com/example/Node").superclass(OBJECT)
                .field("next", BasicType.OBJECT).field("value", BasicType.INT).end();
        w.defineClass(OBJ_ARRAY, "[Ljava/lang/Object;").superclass(OBJECT).end();
        return w;
    }

    @Test
    void unknownTopLevelRecordIsSkippedWithAWarning() {
        HprofWriter clean = classes(8);
        clean.instance(0x1000, NODE).ref(0x1010).i(1).end();
        clean.instance(0x1010, NODE).ref(0).i(2).end();
        clean.heapDumpSegment();
        IndexSnapshot expected;
        try (HeapIndex index = TestDumps.index(clean, dir, "clean.hprof")) {
            expected = IndexSnapshot.of(index);
        }

        HprofWriter w = classes(8);
        w.record(0x55, "garbage".getBytes(StandardCharsets.US_ASCII));
        w.instance(0x1000, NODE).ref(0x1010).i(1).end();
        w.heapDumpSegment();
        Record unknown = w.record(0x77, new byte[0]).records().get(w.records().size() - 1);
        w.instance(0x1010, NODE).ref(0).i(2).end();
        w.heapDumpSegment();
        try (HeapIndex index = TestDumps.index(w, dir, "unknown.hprof")) {
            assertThat(index.warnings()).containsExactly(
                    "unknown record tag 0x55 at offset " + w.records().get(8).start() + " skipped",
                    "unknown record tag 0x77 at offset " + unknown.start() + " skipped");
            assertThat(IndexSnapshot.of(index)).isEqualTo(expected);
        }
    }

    @Test
    void unknownHeapSubRecordSkipsTheRestOfItsSegmentOnly() {
        HprofWriter w = classes(8);
        w.heapDumpSegment(); // classes
        w.instance(0x1000, NODE).ref(0x1010).i(1).end();
        w.heapSubRecord(new byte[] {(byte) 0xAB, 1, 2, 3, 4}, 0);
        w.instance(0x1010, NODE).ref(0).i(2).end(); // lost with the rest of the segment
        w.heapDumpSegment();
        w.instance(0x1020, NODE).ref(0x1000).i(3).end();
        w.root(GcRootKind.STICKY_CLASS, NODE);
        w.heapDumpSegment();
        SubRecord bad = w.subRecords().get(4);
        Record segment = w.records().stream().filter(r -> r.start() < bad.start() && bad.end() <= r.end())
                .findFirst().orElseThrow();
        try (HeapIndex index = TestDumps.index(w, dir, "unknown-sub.hprof")) {
            assertThat(index.warnings()).containsExactly(
                    "unknown heap sub-record tag at offset " + bad.start() + "; rest of the segment ("
                            + (segment.end() - bad.start()) + " bytes) skipped",
                    "1 references point to objects missing from the dump; they were dropped");
            IndexSnapshot s = IndexSnapshot.of(index);
            assertThat(s.objects().stream().map(o -> o.split(" ")[0]).toList())
                    .containsExactly("0x100", "0x200", "0x300", "0x1000", "0x1020");
            assertThat(s.edges()).containsExactly("0x200 -> [0x100]", "0x300 -> [0x100]", "0x1020 -> [0x1000]");
            assertThat(s.roots()).containsExactly("sticky-class 0x200 thread -1 frame -1");
            assertThat(index.stats().danglingReferences()).isEqualTo(1);
            assertThat(index.stats().truncated()).isFalse();
        }
    }

    @Test
    void recordLengthLargerThanTheFileIsTruncation() {
        HprofWriter w = classes(4);
        w.instance(0x1000, NODE).ref(0).i(1).end();
        w.heapDumpSegment();
        w.utf8(0x5000, "a string after the first segment");
        w.instance(0x1010, NODE).ref(0x1000).i(2).end();
        w.heapDumpSegment();
        w.heapDumpEnd();
        Record utf8 = w.records().get(w.records().size() - 3);
        assertThat(utf8.tag()).isEqualTo(HprofWriter.TAG_UTF8);
        w.patchLength(utf8, 0x7FFF_FFFFL);
        try (HeapIndex index = TestDumps.index(w, dir, "bad-length.hprof")) {
            assertThat(index.stats().truncated()).isTrue();
            assertThat(index.stats().lostBytes()).isEqualTo(w.size() - utf8.start());
            assertThat(index.warnings()).singleElement().asString().startsWith("dump truncated: record at offset "
                    + utf8.start() + " (tag 0x1, 2147483647 bytes) runs past the end of the file; analyzed up to"
                    + " offset " + utf8.start() + ",");
            assertThat(IndexSnapshot.of(index).objects().stream().map(o -> o.split(" ")[0]).toList())
                    .containsExactly("0x100", "0x200", "0x300", "0x1000");
        }
    }

    @Test
    void danglingIdsInFieldsArraysStaticsSuperLoaderAndRootsAreDroppedAndCounted() {
        HprofWriter w = new HprofWriter(8);
        w.defineClass(OBJECT, "java/lang/Object").end();
        w.defineClass(NODE, "com/example/Node").superclass(OBJECT).loader(0xDEAD0) // loader missing
                .staticField("CACHE", BasicType.OBJECT, 0xDEAD8) // missing
                .staticField("HEAD", BasicType.OBJECT, 0x1000)
                .field("next", BasicType.OBJECT).field("value", BasicType.INT).end();
        w.defineClass(OBJ_ARRAY, "[Ljava/lang/Object;").superclass(0xDEAE0).end(); // super class missing
        w.instance(0x1000, NODE).ref(0xBAD00).i(1).end(); // field -> missing
        w.instance(0x1010, NODE).ref(0x1000).i(2).end();
        w.objectArray(0x1020, OBJ_ARRAY, 0x1000, 0xBAD08, 0, 0x1010, 0xBAD10); // two elements missing
        w.root(GcRootKind.JNI_GLOBAL, 0x1010);
        w.root(GcRootKind.JAVA_FRAME, 0xBAD18, 1, 2); // missing
        w.root(GcRootKind.STICKY_CLASS, 0xBAD20); // missing
        w.root(GcRootKind.STICKY_CLASS, NODE);
        w.heapDumpSegments(2);
        try (HeapIndex index = TestDumps.index(w, dir, "dangling.hprof")) {
            assertThat(index.warnings()).containsExactly(
                    "6 references point to objects missing from the dump; they were dropped",
                    "2 GC roots name objects missing from the dump; they were dropped");
            assertThat(index.stats().danglingReferences()).isEqualTo(6);
            // no edges to class objects: these classes have no class loader (the boot loader), so they stay alive
            assertThat(index.stats().edges()).isEqualTo(5);
            assertThat(index.graph().edgeCount()).isEqualTo(5);
            assertThat(index.roots().dangling()).isEqualTo(2);
            IndexSnapshot s = IndexSnapshot.of(index);
            assertThat(s.edges()).containsExactly(
                    "0x200 -> [0x1000, 0x100]",
                    "0x1010 -> [0x1000]",
                    "0x1020 -> [0x1000, 0x1010]");
            assertThat(s.roots()).containsExactly("jni-global 0x1010 thread -1 frame -1",
                    "sticky-class 0x200 thread -1 frame -1");
        }
    }

    @Test
    void instanceOfAClassTheDumpNeverDefinesGetsAPlaceholderClass() {
        HprofWriter w = classes(8);
        w.instance(0x1000, 0x999).raw(new byte[] {1, 2, 3}).end();
        w.instance(0x1010, 0x999).raw(new byte[] {4, 5, 6}).end();
        w.objectArray(0x1020, 0x998, 0x1000);
        w.heapDumpSegment();
        try (HeapIndex index = TestDumps.index(w, dir, "no-class.hprof")) {
            assertThat(index.warnings()).containsExactly(
                    "objects of 2 class ids the dump does not define were given placeholder classes");
            assertThat(index.classOf(index.nodeOf(0x1000)).name()).isEqualTo("<unknown class 0x999>");
            assertThat(index.classOf(index.nodeOf(0x1010)).name()).isEqualTo("<unknown class 0x999>");
            assertThat(index.shallowSize(index.nodeOf(0x1000))).isEqualTo(16);
            assertThat(index.classOf(index.nodeOf(0x1020)).name()).isEqualTo("<unknown class 0x998>");
            assertThat(IndexSnapshot.targets(index, index.nodeOf(0x1020))).containsExactly("0x1000");
        }
    }

    @Test
    void instanceShorterThanItsClassLayoutKeepsTheFieldsItHas() {
        HprofWriter w = classes(8);
        w.defineClass(0x400, "com/example/Pair").superclass(OBJECT)
                .field("a", BasicType.OBJECT).field("b", BasicType.OBJECT).end();
        w.instance(0x1000, 0x400).ref(0x1010).end(); // only 'a'
        w.instance(0x1010, 0x400).ref(0x1000).ref(0x1010).end();
        w.heapDumpSegment();
        try (HeapIndex index = TestDumps.index(w, dir, "short.hprof")) {
            assertThat(index.warnings()).containsExactly(
                    "1 instances disagree with their class layout; fields past the record were ignored");
            assertThat(IndexSnapshot.of(index).edges()).containsExactly(
                    "0x200 -> [0x100]", "0x300 -> [0x100]", "0x400 -> [0x100]",
                    "0x1000 -> [0x1010]", "0x1010 -> [0x1000, 0x1010]");
        }
    }

    /** The index keeps the last copy of an object dumped twice, including its references. */
    @Test
    void objectDumpedTwiceKeepsTheLastCopy() {
        HprofWriter w = classes(8);
        w.instance(0x2000, NODE).ref(0x3000).i(0).end();
        w.instance(0x1000, NODE).ref(0x2000).i(1).end(); // first copy: one reference
        w.instance(0x1000, NODE).ref(0).i(2).end(); // last copy: none
        w.instance(0x3000, NODE).ref(0).i(3).end();
        w.instance(0x3000, NODE).ref(0x1000).i(4).end();
        w.heapDumpSegment();
        try (HeapIndex index = TestDumps.index(w, dir, "dup.hprof")) {
            assertThat(index.warnings()).containsExactly(
                    "2 objects appear more than once in the dump; the last copy is used");
            assertThat(index.objectCount()).isEqualTo(6);
            IndexSnapshot s = IndexSnapshot.of(index);
            assertThat(s.edges()).containsExactly(
                    "0x200 -> [0x100]", "0x300 -> [0x100]", "0x2000 -> [0x3000]", "0x3000 -> [0x1000]");
            assertThat(index.recordOffset(index.nodeOf(0x1000))).isEqualTo(w.subRecords().get(5).start());
            assertThat(s.classEdges()).isEmpty();  // boot-loader classes: no instance → class edges
            assertThat(index.graph().edgeCount()).isEqualTo(4);
        }
    }

    // ---------------------------------------------------------------- refused input

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> TestDumps.index(file, dir).close())
                .isInstanceOf(HprofException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void badInputIsRefusedWithAOneLineMessage() throws IOException {
        assertRefused(HprofWriter.write(dir.resolve("empty.hprof"), new byte[0]), "empty file, not a heap dump");
        assertRefused(HprofWriter.write(dir.resolve("readme.txt"),
                        "# README\nNot a dump.\n".getBytes(StandardCharsets.UTF_8)),
                "not an HPROF heap dump (no 'JAVA PROFILE' header)");
        byte[] header = new HprofWriter(8).toByteArray();
        assertRefused(HprofWriter.write(dir.resolve("short.hprof"), Arrays.copyOf(header, 23)),
                "header truncated (23 bytes), not a usable heap dump");
        assertRefused(HprofWriter.write(dir.resolve("short2.hprof"), Arrays.copyOf(header, 16)),
                "header truncated (16 bytes), not a usable heap dump");
        HprofWriter badIds = new HprofWriter("JAVA PROFILE 1.0.2", 5, 0);
        badIds.utf8(1, "x");
        assertRefused(badIds.writeTo(dir.resolve("ids.hprof")), "corrupt header: identifier size 5 (expected 4 or 8)");
        assertRefused(Files.createDirectory(dir.resolve("dump-dir")), "is a directory, not a heap dump");
        assertRefused(dir.resolve("nope.hprof"), "no such file");
        byte[] gz = HprofWriter.gzip(new SmallGraph(8, 0x1000, 0x100).dump(1).toByteArray());
        assertRefused(HprofWriter.write(dir.resolve("cut.hprof.gz"), Arrays.copyOf(gz, 6)),
                "gzip header cut short or damaged, nothing could be inflated");
        assertRefused(HprofWriter.write(dir.resolve("text.gz"), HprofWriter.gzip("hello".getBytes(
                StandardCharsets.US_ASCII))), "not an HPROF heap dump (no 'JAVA PROFILE' header)");
    }

    @Test
    void refusedInputIsNotModified() throws IOException {
        Path text = HprofWriter.write(dir.resolve("notes.txt"), "plain text\n".getBytes(StandardCharsets.UTF_8));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(text, old);
        assertThatThrownBy(() -> TestDumps.index(text, dir)).isInstanceOf(HprofException.class);
        assertThat(Files.readString(text)).isEqualTo("plain text\n");
        assertThat(Files.getLastModifiedTime(text)).isEqualTo(old);
    }
}
