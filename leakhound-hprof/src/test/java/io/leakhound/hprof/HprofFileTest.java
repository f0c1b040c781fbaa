package io.leakhound.hprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.hprof.testing.HprofWriter;
import io.leakhound.hprof.testing.HprofWriter.Record;
import io.leakhound.hprof.testing.HprofWriter.SubRecord;
import io.leakhound.hprof.testing.RecordingVisitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HPROF reader on synthetic dumps: every record kind, truncation, gzip, corrupt and bad input. */
class HprofFileTest {
    static final long OBJECT = 0x100;
    static final long FOO = 0x200;
    static final long OBJ_ARRAY = 0x300;
    static final long INSTANCE = 0x1000;
    static final long ARRAY = 0x2000;
    static final long BYTES = 0x3000;

    @TempDir
    Path dir;

    /** A dump with every record kind the reader knows, the heap split into three segments. */
    static HprofWriter sample(int idSize) {
        HprofWriter w = new HprofWriter(idSize);
        w.defineClass(OBJECT, "java/lang/Object").end();
        int fooSerial = w.loadClass(FOO, "com/example/Foo$Bar");
        w.loadClass(OBJ_ARRAY, "[Ljava/lang/Object;");
        w.frame(0x9001, "run", "()V", "Foo.java", fooSerial, 42);
        w.trace(7, 1, 0x9001);
        w.unloadClass(99);
        w.record(0x0A, new byte[] {1, 2, 3}); // START_THREAD: known, skipped silently
        w.classDump(FOO).superclass(OBJECT).loader(0)
                .constant(1, BasicType.INT, 5)
                .staticField("sRef", BasicType.OBJECT, INSTANCE)
                .staticField("sBool", BasicType.BOOLEAN, 1)
                .staticField("sChar", BasicType.CHAR, 'x')
                .staticField("sFloat", BasicType.FLOAT, Float.floatToRawIntBits(1.5f))
                .staticField("sDouble", BasicType.DOUBLE, Double.doubleToRawLongBits(-2.25))
                .staticField("sByte", BasicType.BYTE, 0x7F)
                .staticField("sShort", BasicType.SHORT, 0x1234)
                .staticField("sInt", BasicType.INT, 0xCAFEBABEL)
                .staticField("sLong", BasicType.LONG, 0x0102030405060708L)
                .field("ref", BasicType.OBJECT)
                .field("i", BasicType.INT)
                .field("z", BasicType.BOOLEAN)
                .field("j", BasicType.LONG)
                .end();
        w.classDump(OBJ_ARRAY).superclass(OBJECT).end();
        w.instance(INSTANCE, FOO).ref(ARRAY).i(-1).bool(true).j(0x1122334455667788L).end();
        w.objectArray(ARRAY, OBJ_ARRAY, INSTANCE, 0, ARRAY);
        w.byteArray(BYTES, (byte) 1, (byte) 2, (byte) 3);
        long primId = 0x4000;
        for (BasicType t : BasicType.values()) {
            if (t != BasicType.OBJECT) {
                w.primitiveArray(primId, t, 3);
                primId += 0x10;
            }
        }
        for (GcRootKind k : GcRootKind.values()) {
            w.root(k, INSTANCE, 3, 4);
        }
        w.heapDumpSegments(3).heapDumpEnd();
        return w;
    }

    static RecordingVisitor scan(Path file, Path tempDir) {
        try (HprofFile f = HprofFile.open(file, tempDir)) {
            RecordingVisitor v = new RecordingVisitor();
            f.scan(v);
            return v;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void readsEveryRecordKindExactly(int idSize) {
        HprofWriter w = sample(idSize);
        Path file = w.writeTo(dir.resolve("sample.hprof"));
        RecordingVisitor v = new RecordingVisitor();
        HprofFile.ScanResult result;
        try (HprofFile f = HprofFile.open(file, dir)) {
            assertThat(f.header()).isEqualTo(new HprofHeader("JAVA PROFILE 1.0.2", idSize,
                    HprofWriter.DEFAULT_MILLIS, 31));
            assertThat(f.isCompressed()).isFalse();
            assertThat(f.dataBytes()).isEqualTo(w.size());
            assertThat(f.fileBytes()).isEqualTo(w.size());
            result = f.scan(v);
        }
        assertThat(v.warnings).isEmpty();
        assertThat(result).isEqualTo(new HprofFile.ScanResult(w.size(), w.size(), false, w.records().size()));
        assertThat(result.lostBytes()).isZero();

        // the writer's string ids are 0x10, 0x18, ... in first-use order
        assertThat(v.events).contains(
                "utf8 0x10 java/lang/Object",
                "loadClass #1 0x100 trace 0 name 0x10",
                "utf8 0x18 com/example/Foo$Bar",
                "loadClass #2 0x200 trace 0 name 0x18",
                "loadClass #3 0x300 trace 0 name 0x20",
                "frame 0x9001 0x28 0x30 0x38 #2 line 42",
                "trace #7 thread 1 [0x9001]",
                "unloadClass #99");
        assertThat(v.events).contains("class 0x200 super 0x100 loader 0x0 size " + (idSize + 4 + 1 + 8)
                + " statics {0x40:Object=0x1000, 0x48:boolean=0x1, 0x50:char=0x78, 0x58:float=0x3fc00000,"
                + " 0x60:double=0xc002000000000000, 0x68:byte=0x7f, 0x70:short=0x1234, 0x78:int=0xcafebabe,"
                + " 0x80:long=0x102030405060708} fields {0x88:Object, 0x90:int, 0x98:boolean, 0xa0:long} @"
                + w.objectRecord(FOO).start());
        String ref = idSize == 8 ? "0000000000002000" : "00002000";
        assertThat(v.events).contains("instance 0x1000 class 0x200 data " + ref + "ffffffff011122334455667788 @"
                + w.objectRecord(INSTANCE).start());
        assertThat(v.events).contains("objectArray 0x2000 class 0x300 [0x1000, 0x0, 0x2000] @"
                + w.objectRecord(ARRAY).start());
        assertThat(v.events).contains("primitiveArray 0x3000 byte[3] @" + w.objectRecord(BYTES).start(),
                "primitiveArray 0x4000 boolean[3] @" + w.objectRecord(0x4000).start(),
                "primitiveArray 0x4070 long[3] @" + w.objectRecord(0x4070).start());
        for (GcRootKind k : GcRootKind.values()) {
            String extra = switch (k) {
                case JNI_LOCAL, JAVA_FRAME, THREAD_OBJECT, JNI_MONITOR -> "thread 3 frame 4";
                case NATIVE_STACK, THREAD_BLOCK -> "thread 3 frame -1";
                default -> "thread -1 frame -1";
            };
            assertThat(v.events).contains("root " + k.reportName() + " 0x1000 " + extra);
        }
        assertThat(v.objectIds).containsExactly(OBJECT, FOO, OBJ_ARRAY, INSTANCE, ARRAY, BYTES,
                0x4000L, 0x4010L, 0x4020L, 0x4030L, 0x4040L, 0x4050L, 0x4060L, 0x4070L);
        assertThat(v.rootIds).hasSize(GcRootKind.values().length);
    }

    @Test
    void scansThroughMappedWindowsOfAnySizeReadLikeTheBuffer() {
        Path file = sample(8).writeTo(dir.resolve("sample.hprof"));
        boolean defaultMap = DumpInput.mapScans;
        int defaultWindow = DumpInput.scanWindow;
        try {
            DumpInput.mapScans = false;
            List<String> buffered = scan(file, dir).events;
            DumpInput.mapScans = true;
            for (int window : new int[] {1, 7, 64, 1000, 1 << 20}) {
                DumpInput.scanWindow = window;
                assertThat(scan(file, dir).events).as("window %d", window).isEqualTo(buffered);
            }
        } finally {
            DumpInput.mapScans = defaultMap;
            DumpInput.scanWindow = defaultWindow;
        }
    }

    @Test
    void aFileThatShrinksDuringAMappedScanIsAnHprofException() throws IOException {
        HprofWriter w = sample(8);
        for (int i = 0; i < 2000; i++) {
            w.primitiveArray(0x10_0000 + 0x10L * i, BasicType.LONG, 64);
        }
        w.heapDumpSegments(1).heapDumpEnd();
        Path file = w.writeTo(dir.resolve("shrinking.hprof"));
        boolean defaultMap = DumpInput.mapScans;
        DumpInput.mapScans = true;
        try (HprofFile f = HprofFile.open(file, dir)) {
            RecordingVisitor truncating = new RecordingVisitor() {
                @Override
                public void utf8(long id, byte[] bytes) {
                    super.utf8(id, bytes);
                    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        ch.truncate(64);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            assertThatThrownBy(() -> f.scan(truncating)).isInstanceOf(HprofException.class)
                    .hasMessageContaining("shrank");
        } finally {
            DumpInput.mapScans = defaultMap;
        }
    }

    @Test
    void metadataOnlyAndHeapOnlyVisitorsGetNoSpuriousWarnings() {
        HprofWriter w = sample(8);
        Path file = w.writeTo(dir.resolve("sample.hprof"));
        try (HprofFile f = HprofFile.open(file, dir)) {
            RecordingVisitor heapOnly = new RecordingVisitor(true, false);
            f.scan(heapOnly);
            assertThat(heapOnly.warnings).isEmpty();
            assertThat(heapOnly.events).noneMatch(e -> e.startsWith("utf8") || e.startsWith("loadClass")
                    || e.startsWith("frame") || e.startsWith("trace") || e.startsWith("unloadClass"));
            assertThat(heapOnly.objectIds).hasSize(14);

            RecordingVisitor metaOnly = new RecordingVisitor(false, true);
            f.scan(metaOnly);
            assertThat(metaOnly.warnings).isEmpty();
            assertThat(metaOnly.events).noneMatch(e -> e.startsWith("instance") || e.startsWith("objectArray")
                    || e.startsWith("primitiveArray"));
            assertThat(metaOnly.objectIds).containsExactly(OBJECT, FOO, OBJ_ARRAY);
            assertThat(metaOnly.rootIds).hasSize(GcRootKind.values().length);
        }
    }

    @Test
    void readAtDeliversExactlyTheRecordAtAnOffset() {
        HprofWriter w = sample(8);
        Path file = w.writeTo(dir.resolve("sample.hprof"));
        RecordingVisitor all = scan(file, dir);
        try (HprofFile f = HprofFile.open(file, dir)) {
            for (SubRecord s : w.subRecords()) {
                if (!s.isObject()) {
                    continue;
                }
                RecordingVisitor one = new RecordingVisitor();
                f.readAt(s.start(), one);
                assertThat(one.objectIds).containsExactly(s.objectId());
                assertThat(one.events).hasSize(1);
                assertThat(all.events).contains(one.events.get(0));
            }
        }
    }

    /** Cuts the dump at every byte after the header: no exception, and exactly the complete records. */
    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void truncationAtEveryOffset(int idSize) {
        HprofWriter w = sample(idSize);
        byte[] all = w.toByteArray();
        List<Long> boundaries = w.recordBoundaries();
        Path file = dir.resolve("cut.hprof");
        for (long cut = w.headerLength(); cut <= all.length; cut++) {
            HprofWriter.write(file, Arrays.copyOf(all, (int) cut));
            RecordingVisitor v = new RecordingVisitor();
            HprofFile.ScanResult r;
            try (HprofFile f = HprofFile.open(file, dir)) {
                r = f.scan(v);
            }
            long c = cut;
            boolean atBoundary = boundaries.contains(cut);
            long usable = Stream.concat(boundaries.stream(), w.subRecords().stream().map(SubRecord::end))
                    .filter(e -> e <= c).mapToLong(Long::longValue).max().orElseThrow();
            String at = "cut at " + cut + " of " + all.length;
            assertThat(r.truncated()).as(at).isEqualTo(!atBoundary);
            assertThat(r.endOffset()).as(at).isEqualTo(usable);
            assertThat(r.dataBytes()).as(at).isEqualTo(cut);
            assertThat(r.records()).as(at).isEqualTo(w.records().stream().filter(x -> x.end() <= c).count());
            if (atBoundary) {
                assertThat(v.warnings).as(at).isEmpty();
            } else {
                assertThat(v.warnings).as(at).singleElement().asString()
                        .startsWith("dump truncated: ").contains("analyzed up to offset " + usable + ",");
            }
            assertThat(v.objectIds).as(at).isEqualTo(w.subRecords().stream()
                    .filter(s -> s.isObject() && s.end() <= c).map(SubRecord::objectId).toList());
            assertThat(v.rootIds).as(at).isEqualTo(w.subRecords().stream()
                    .filter(s -> s.isRoot() && s.end() <= c).map(SubRecord::objectId).toList());
            assertThat(v.events.stream().filter(e -> e.startsWith("utf8")).count()).as(at)
                    .isEqualTo(w.records().stream().filter(x -> x.tag() == HprofWriter.TAG_UTF8 && x.end() <= c)
                            .count());
        }
    }

    @Test
    void gzipSingleAndMultiMemberReadLikePlain() throws IOException {
        HprofWriter w = sample(8);
        byte[] plain = w.toByteArray();
        Path plainFile = w.writeTo(dir.resolve("plain.hprof"));
        RecordingVisitor expected = scan(plainFile, dir);
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        for (Path gz : List.of(HprofWriter.write(dir.resolve("one.hprof.gz"), HprofWriter.gzip(plain)),
                HprofWriter.write(dir.resolve("chunked.hprof.gz"), HprofWriter.gzipMembers(plain, 100)),
                HprofWriter.write(dir.resolve("chunked1.hprof.gz"), HprofWriter.gzipMembers(plain, 1)))) {
            try (HprofFile f = HprofFile.open(gz, tmp)) {
                assertThat(f.isCompressed()).isTrue();
                assertThat(f.openWarnings()).isEmpty();
                assertThat(f.dataBytes()).isEqualTo(plain.length);
                assertThat(f.fileBytes()).isEqualTo(Files.size(gz));
                assertThat(f.header().idSize()).isEqualTo(8);
                RecordingVisitor v = new RecordingVisitor();
                HprofFile.ScanResult r = f.scan(v);
                assertThat(r.truncated()).isFalse();
                assertThat(v.events).isEqualTo(expected.events);
                assertThat(v.warnings).isEmpty();
                try (Stream<Path> files = Files.list(tmp)) {
                    assertThat(files.count()).isEqualTo(1);
                }
            }
            try (Stream<Path> files = Files.list(tmp)) {
                assertThat(files.toList()).as("inflated copy removed on close").isEmpty();
            }
        }
    }

    @Test
    void truncatedSingleMemberGzipGivesWarningAndPartialScan() {
        HprofWriter w = sample(8);
        byte[] gz = HprofWriter.gzip(w.toByteArray());
        for (int cut : new int[] {gz.length - 1, gz.length - 4, gz.length - 8, gz.length - 9, gz.length / 2,
                gz.length / 3}) {
            Path file = HprofWriter.write(dir.resolve("cut.hprof.gz"), Arrays.copyOf(gz, cut));
            try (HprofFile f = HprofFile.open(file, dir)) {
                long n = f.dataBytes();
                assertThat(f.openWarnings()).as("cut " + cut).containsExactly("gzip stream ends early or is"
                        + " damaged after " + n + " inflated bytes; analyzing what could be inflated");
                RecordingVisitor v = new RecordingVisitor();
                HprofFile.ScanResult r = f.scan(v);
                assertThat(r.truncated()).isEqualTo(!w.recordBoundaries().contains(n));
                assertThat(v.objectIds).isEqualTo(w.subRecords().stream()
                        .filter(s -> s.isObject() && s.end() <= n).map(SubRecord::objectId).toList());
                if (cut >= gz.length - 8) {
                    assertThat(n).as("only the trailer is missing").isEqualTo(w.size());
                }
            }
        }
    }

    /**
     * A chunked gzip dump cut at every byte: never an exception other than a refused open while not even the
     * HPROF header could be inflated, and exactly the complete records of what could be inflated. (A cut at a
     * member boundary, or up to 18 bytes into the next member's header, is invisible to the JDK's gzip reader:
     * then only the HPROF scan can tell, unless the member boundary is also a record boundary.)
     */
    @Test
    void chunkedGzipCutAtEveryByte() {
        HprofWriter w = sample(4);
        byte[] gz = HprofWriter.gzipMembers(w.toByteArray(), 97);
        Path file = dir.resolve("cut.hprof.gz");
        int lastRefused = -1;
        int firstOpened = -1;
        int gzipWarnings = 0;
        for (int cut = 1; cut < gz.length; cut++) {
            HprofWriter.write(file, Arrays.copyOf(gz, cut));
            try (HprofFile f = HprofFile.open(file, dir)) {
                firstOpened = firstOpened < 0 ? cut : firstOpened;
                long n = f.dataBytes();
                gzipWarnings += f.openWarnings().size();
                RecordingVisitor v = new RecordingVisitor();
                HprofFile.ScanResult r = f.scan(v);
                assertThat(r.truncated()).as("cut " + cut).isEqualTo(!w.recordBoundaries().contains(n));
                assertThat(v.objectIds).as("cut " + cut).isEqualTo(w.subRecords().stream()
                        .filter(s -> s.isObject() && s.end() <= n).map(SubRecord::objectId).toList());
            } catch (HprofException e) {
                lastRefused = cut;
                assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n").doesNotContain("null");
            }
        }
        assertThat(lastRefused).isLessThan(firstOpened);
        assertThat(gzipWarnings).isGreaterThan(gz.length / 2);
    }

    @Test
    void gzipCutInsideItsHeaderIsAnHprofException() throws IOException {
        byte[] plain = sample(8).toByteArray();
        byte[] single = HprofWriter.gzip(plain);
        byte[] chunked = HprofWriter.gzipMembers(plain, 1 << 20);
        // a single member has a 10-byte header; the first chunk adds the comment "HPROF BLOCKSIZE=1048576\0"
        for (byte[] gz : List.of(single, chunked)) {
            int headerLength = gz == single ? 10 : 10 + "HPROF BLOCKSIZE=1048576".length() + 1;
            for (int cut = 2; cut < headerLength; cut++) {
                Path file = HprofWriter.write(dir.resolve("cut.hprof.gz"), Arrays.copyOf(gz, cut));
                assertThatThrownBy(() -> HprofFile.open(file, dir))
                        .isInstanceOf(HprofException.class)
                        .hasMessage(file + ": gzip header cut short or damaged, nothing could be inflated");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("cut.hprof.gz");
        }
    }

    @Test
    void gzipWithoutTempDirIsRefused() {
        Path gz = HprofWriter.write(dir.resolve("d.hprof.gz"), HprofWriter.gzip(sample(8).toByteArray()));
        assertThatThrownBy(() -> HprofFile.open(gz, null)).isInstanceOf(HprofException.class)
                .hasMessage(gz + ": gzip dump needs a temp directory to inflate into");
    }

    @Test
    void unknownTopLevelTagsAreSkippedWithOneWarningPerTag() {
        HprofWriter w = new HprofWriter(8);
        w.utf8(1, "before");
        Record unknown = w.record(0x42, new byte[] {9, 9, 9}).records().get(1);
        w.record(0x42, new byte[0]);
        w.record(0x99, new byte[] {1});
        w.utf8(2, "after");
        w.instance(0x10, 0x20).end().heapDumpSegment();
        RecordingVisitor v = scan(w.writeTo(dir.resolve("u.hprof")), dir);
        assertThat(v.warnings).containsExactly(
                "unknown record tag 0x42 at offset " + unknown.start() + " skipped",
                "unknown record tag 0x99 at offset " + w.records().get(3).start() + " skipped");
        assertThat(v.events).contains("utf8 0x1 before", "utf8 0x2 after");
        assertThat(v.objectIds).containsExactly(0x10L);
    }

    @Test
    void unknownHeapSubRecordSkipsRestOfSegmentOnly() {
        HprofWriter w = new HprofWriter(8);
        w.instance(0x10, 0x20).i(1).end();
        w.heapSubRecord(new byte[] {0x77, 0, 0, 0, 0, 0, 0, 0, 0}, 0);
        w.instance(0x18, 0x20).i(2).end();
        w.heapDumpSegment();
        w.instance(0x28, 0x20).i(3).end();
        w.heapDumpSegment();
        RecordingVisitor v = scan(w.writeTo(dir.resolve("u.hprof")), dir);
        SubRecord bad = w.subRecords().get(1);
        long segmentEnd = w.records().get(0).end();
        assertThat(v.objectIds).containsExactly(0x10L, 0x28L);
        assertThat(v.warnings).containsExactly("unknown heap sub-record tag at offset " + bad.start()
                + "; rest of the segment (" + (segmentEnd - bad.start()) + " bytes) skipped");
    }

    @Test
    void subRecordOverrunningItsSegmentSkipsRestOfSegmentOnly() {
        HprofWriter w = new HprofWriter(4);
        w.instance(0x10, 0x20).i(1).end();
        w.instance(0x18, 0x20).i(2).declaredLength(1000).end();
        w.heapDumpSegment();
        w.instance(0x28, 0x20).i(3).end();
        w.heapDumpSegment();
        Path file = w.writeTo(dir.resolve("o.hprof"));
        RecordingVisitor v = new RecordingVisitor();
        HprofFile.ScanResult r;
        try (HprofFile f = HprofFile.open(file, dir)) {
            r = f.scan(v);
        }
        assertThat(r.truncated()).isFalse();
        assertThat(v.objectIds).containsExactly(0x10L, 0x28L);
        assertThat(v.warnings).containsExactly("corrupt heap dump segment: sub-record at offset "
                + w.subRecords().get(1).start() + " overruns its segment ending at " + w.records().get(0).end()
                + "; rest of the segment skipped");
    }

    @Test
    void recordLengthPastEndOfFileIsTruncation() {
        HprofWriter w = new HprofWriter(8);
        w.utf8(1, "one");
        w.utf8(2, "two");
        w.instance(0x10, 0x20).end().heapDumpSegment();
        Record second = w.records().get(1);
        w.patchLength(second, 0x7FFF_FFF0L);
        Path file = w.writeTo(dir.resolve("l.hprof"));
        RecordingVisitor v = new RecordingVisitor();
        HprofFile.ScanResult r;
        try (HprofFile f = HprofFile.open(file, dir)) {
            r = f.scan(v);
        }
        assertThat(r.truncated()).isTrue();
        assertThat(r.endOffset()).isEqualTo(second.start());
        assertThat(r.lostBytes()).isEqualTo(w.size() - second.start());
        assertThat(r.records()).isEqualTo(1);
        assertThat(v.events).containsExactly("utf8 0x1 one");
        assertThat(v.warnings).singleElement().asString().startsWith("dump truncated: record at offset "
                + second.start() + " (tag 0x1, " + 0x7FFF_FFF0L + " bytes) runs past the end of the file");
    }

    @Test
    void heapSegmentLengthPastEndOfFileKeepsItsCompleteSubRecords() {
        HprofWriter w = new HprofWriter(8);
        w.instance(0x10, 0x20).i(1).end().heapDumpSegment();
        w.instance(0x18, 0x20).i(2).end();
        w.objectArray(0x28, 0x30, 0x10, 0x18);
        w.heapDumpSegment();
        Record seg = w.records().get(1);
        w.patchLength(seg, 0xFFFF_FFF0L);
        Path file = w.writeTo(dir.resolve("l.hprof"));
        RecordingVisitor v = new RecordingVisitor();
        HprofFile.ScanResult r;
        try (HprofFile f = HprofFile.open(file, dir)) {
            r = f.scan(v);
        }
        assertThat(r.truncated()).isTrue();
        assertThat(r.endOffset()).isEqualTo(w.size());
        assertThat(v.objectIds).containsExactly(0x10L, 0x18L, 0x28L);
        assertThat(v.warnings).singleElement().asString().startsWith("dump truncated: record at offset "
                + seg.start() + " (tag 0x1c, " + 0xFFFF_FFF0L + " bytes)");
    }

    @Test
    void metadataRecordsTooShortForTheirFieldsAreSkippedWithAWarning() {
        HprofWriter w = new HprofWriter(8);
        w.utf8(1, "ok");
        w.record(HprofWriter.TAG_LOAD_CLASS, new byte[] {0, 0, 0, 1});
        w.record(HprofWriter.TAG_FRAME, new byte[] {0, 0});
        w.record(HprofWriter.TAG_UNLOAD_CLASS, new byte[] {0});
        w.record(HprofWriter.TAG_UTF8, new byte[] {1, 2, 3});
        w.record(HprofWriter.TAG_TRACE, new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0x7F, 0, 0, 0});
        w.record(HprofWriter.TAG_TRACE, new byte[] {0, 0, 0, 1});
        Path file = w.writeTo(dir.resolve("m.hprof"));
        RecordingVisitor v = new RecordingVisitor();
        HprofFile.ScanResult r;
        try (HprofFile f = HprofFile.open(file, dir)) {
            r = f.scan(v);
        }
        assertThat(r.truncated()).isFalse();
        assertThat(r.records()).isEqualTo(7);
        assertThat(v.events).containsExactly("utf8 0x1 ok");
        assertThat(v.warnings).containsExactly(
                "corrupt LOAD_CLASS record (length 4) skipped",
                "corrupt FRAME record (length 2) skipped",
                "corrupt UNLOAD_CLASS record (length 1) skipped",
                "corrupt UTF8 record (length 3) skipped",
                "corrupt TRACE record (frame count 2130706432) skipped",
                "corrupt TRACE record (length 4) skipped");
    }

    // ---------------------------------------------------------------- bad input

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> HprofFile.open(file, dir).close())
                .isInstanceOf(HprofException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void emptyFile() {
        assertRefused(HprofWriter.write(dir.resolve("empty.hprof"), new byte[0]), "empty file, not a heap dump");
    }

    @Test
    void textFile() {
        assertRefused(HprofWriter.write(dir.resolve("notes.txt"),
                        "hello\nthis is not a heap dump\n".getBytes(StandardCharsets.UTF_8)),
                "not an HPROF heap dump (no 'JAVA PROFILE' header)");
        assertRefused(HprofWriter.write(dir.resolve("nul.bin"), new byte[] {'J', 'A', 'V', 'A', 0, 0, 0, 0}),
                "not an HPROF heap dump (no 'JAVA PROFILE' header)");
    }

    @Test
    void headerCutShortAtEveryLength() {
        byte[] full = new HprofWriter(8).toByteArray();
        assertThat(full).hasSize(31);
        for (int n = 1; n < full.length; n++) {
            assertRefused(HprofWriter.write(dir.resolve("short.hprof"), Arrays.copyOf(full, n)),
                    "header truncated (" + n + " bytes), not a usable heap dump");
        }
    }

    @Test
    void badIdentifierSize() {
        for (int idSize : new int[] {0, 2, 16, -1}) {
            HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", idSize, 0);
            w.utf8(1, "x");
            assertRefused(w.writeTo(dir.resolve("ids.hprof")),
                    "corrupt header: identifier size " + idSize + " (expected 4 or 8)");
        }
    }

    @Test
    void unsupportedFormatVersion() {
        HprofWriter w = new HprofWriter("JAVA PROFILE 9.9", 8, 0);
        assertRefused(w.writeTo(dir.resolve("v.hprof")), "unsupported HPROF format 'JAVA PROFILE 9.9'");
    }

    @Test
    void olderFormatVersionsAreAccepted() {
        for (String format : List.of("JAVA PROFILE 1.0.1", "JAVA PROFILE 1.0.3")) {
            HprofWriter w = new HprofWriter(format, 4, 0);
            w.utf8(1, "x");
            try (HprofFile f = HprofFile.open(w.writeTo(dir.resolve("v.hprof")), dir)) {
                assertThat(f.header()).isEqualTo(new HprofHeader(format, 4, 0, 31));
            }
        }
    }

    @Test
    void directoryAndMissingFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("a-directory"));
        assertRefused(sub, "is a directory, not a heap dump");
        assertRefused(dir.resolve("missing.hprof"), "no such file");
    }

    @Test
    void inputFileIsNeverModified() throws IOException {
        HprofWriter w = sample(8);
        byte[] plain = w.toByteArray();
        List<Path> inputs = new ArrayList<>();
        inputs.add(HprofWriter.write(dir.resolve("plain.hprof"), plain));
        inputs.add(HprofWriter.write(dir.resolve("gz.hprof.gz"), HprofWriter.gzipMembers(plain, 64)));
        inputs.add(HprofWriter.write(dir.resolve("cut.hprof"), Arrays.copyOf(plain, plain.length - 5)));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        FileTime old = FileTime.fromMillis(1_500_000_000_000L);
        for (Path in : inputs) {
            Files.setLastModifiedTime(in, old);
            byte[] before = Files.readAllBytes(in);
            try (HprofFile f = HprofFile.open(in, tmp)) {
                f.scan(new RecordingVisitor());
                f.readAt(w.objectRecord(INSTANCE).start(), new RecordingVisitor());
                f.readBytes(0, 31);
                f.scan(new RecordingVisitor(false, true));
            }
            assertThat(Files.readAllBytes(in)).as(in.toString()).isEqualTo(before);
            assertThat(Files.getLastModifiedTime(in)).as(in.toString()).isEqualTo(old);
        }
    }
}
