package io.leakhound.heap.index;

import static io.leakhound.heap.testing.IndexSnapshot.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.testing.HprofWriter;
import io.leakhound.hprof.testing.HprofWriter.SubRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same heap as one HEAP_DUMP, as N segments, gzipped in one or many members: the same index. */
class HeapIndexInputFormsTest {
    @TempDir
    Path dir;

    private IndexSnapshot snapshot(Path file, List<String> warnings) {
        try (HeapIndex index = TestDumps.index(file, dir)) {
            warnings.addAll(index.warnings());
            return IndexSnapshot.of(index);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void segmentsAndSingleHeapDumpGiveTheSameIndex(int idSize) {
        SmallGraph g = new SmallGraph(idSize, 0x1000, 0x100);
        HprofWriter single = g.dump(0);
        assertThat(single.records().stream().filter(r -> r.tag() == HprofWriter.TAG_HEAP_DUMP).count()).isOne();
        IndexSnapshot expected;
        try (HeapIndex index = TestDumps.index(single, dir, "single.hprof")) {
            assertThat(index.warnings()).isEmpty();
            assertThat(index.objectCount()).isEqualTo(16);
            expected = IndexSnapshot.of(index);
        }
        for (int segments : new int[] {1, 2, 3, 7, 40, 100}) {
            HprofWriter w = g.dump(segments);
            assertThat(w.records().stream().filter(r -> r.tag() == HprofWriter.TAG_HEAP_DUMP_SEGMENT).count())
                    .isEqualTo(segments);
            try (HeapIndex index = TestDumps.index(w, dir, "seg" + segments + ".hprof")) {
                assertThat(index.warnings()).as(segments + " segments").isEmpty();
                assertThat(IndexSnapshot.of(index)).as(segments + " segments").isEqualTo(expected);
                assertThat(index.stats().dataBytes()).isEqualTo(w.size());
            }
        }
        // without HEAP_DUMP_END
        HprofWriter noEnd = g.write().heapDumpSegments(2);
        try (HeapIndex index = TestDumps.index(noEnd, dir, "no-end.hprof")) {
            assertThat(index.warnings()).isEmpty();
            assertThat(IndexSnapshot.of(index)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void gzipOneMemberAndManyMembersGiveTheSameIndexAsPlain(int idSize) throws IOException {
        HprofWriter w = new SmallGraph(idSize, 0x1000, 0x100).dump(3);
        byte[] plain = w.toByteArray();
        List<String> plainWarnings = new java.util.ArrayList<>();
        IndexSnapshot expected = snapshot(w.writeTo(dir.resolve("plain.hprof")), plainWarnings);
        assertThat(plainWarnings).isEmpty();
        assertThat(expected.objects()).hasSize(16);

        Path one = HprofWriter.gzip(dir.resolve("plain.hprof"), dir.resolve("one.hprof.gz"));
        Path many = HprofWriter.gzipMembers(dir.resolve("plain.hprof"), dir.resolve("many.hprof.gz"), 64);
        Path tiny = HprofWriter.write(dir.resolve("tiny.hprof.gz"), HprofWriter.gzipMembers(plain, 1));
        for (Path gz : List.of(one, many, tiny)) {
            try (HeapIndex index = TestDumps.index(gz, dir)) {
                assertThat(index.file().isCompressed()).isTrue();
                assertThat(index.warnings()).as(gz.toString()).isEmpty();
                assertThat(index.stats().dataBytes()).isEqualTo(plain.length);
                assertThat(IndexSnapshot.of(index)).as(gz.toString()).isEqualTo(expected);
                for (long n = 0; n < index.objectCount(); n++) {
                    assertThat(index.recordOffset(n)).isEqualTo(w.objectRecord(index.idOf(n)).start());
                }
            }
        }
        assertNoTempLeft();
    }

    @Test
    void truncatedGzipGivesAWarningAndThePartialIndex() throws IOException {
        HprofWriter w = new SmallGraph(8, 0x1000, 0x100).dump(3);
        byte[] plain = w.toByteArray();
        byte[] one = HprofWriter.gzip(plain);
        byte[] many = HprofWriter.gzipMembers(plain, 300);
        long[] members = HprofWriter.gzipMemberOffsets(plain, 300);
        assertThat(members[members.length - 1]).isEqualTo(many.length);
        int m = members.length - 1; // number of members
        assertThat(m).isGreaterThan(4);
        // cuts inside deflate data or trailers, where the gzip reader must notice the missing bytes
        int[] cutsOne = {one.length * 3 / 4, one.length * 5 / 6, one.length - 10, one.length - 3};
        int[] cutsMany = {(int) (members[m - 3] + members[m - 2]) / 2, (int) (members[m - 2] + members[m - 1]) / 2,
                many.length - 10, many.length - 3};
        int checked = 0;
        for (byte[] gz : List.of(one, many)) {
            for (int cut : gz == one ? cutsOne : cutsMany) {
                Path file = HprofWriter.write(dir.resolve("cut.hprof.gz"), Arrays.copyOf(gz, cut));
                try (HeapIndex index = TestDumps.index(file, dir)) {
                    long n = index.stats().dataBytes();
                    assertThat(index.warnings()).first().isEqualTo("gzip stream ends early or is damaged after " + n
                            + " inflated bytes; analyzing what could be inflated");
                    List<String> complete = w.subRecords().stream().filter(s -> s.isObject() && s.end() <= n)
                            .map(SubRecord::objectId).sorted().map(x -> hex(x)).toList();
                    assertThat(IndexSnapshot.of(index).objects().stream().map(o -> o.split(" ")[0]).toList())
                            .isEqualTo(complete);
                    boolean truncated = !w.recordBoundaries().contains(n);
                    assertThat(index.stats().truncated()).isEqualTo(truncated);
                    assertThat(index.warnings().stream().anyMatch(msg -> msg.startsWith("dump truncated: ")))
                            .isEqualTo(truncated);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(8);
        assertNoTempLeft();
    }

    @Test
    void inputFileIsNotModifiedByIndexing() throws IOException {
        HprofWriter w = new SmallGraph(8, 0x1000, 0x100).dump(3);
        byte[] plain = w.toByteArray();
        FileTime old = FileTime.fromMillis(1_400_000_000_000L);
        for (Path in : List.of(HprofWriter.write(dir.resolve("in.hprof"), plain),
                HprofWriter.write(dir.resolve("in.hprof.gz"), HprofWriter.gzipMembers(plain, 128)),
                HprofWriter.write(dir.resolve("cut.hprof"), Arrays.copyOf(plain, plain.length - 20)))) {
            Files.setLastModifiedTime(in, old);
            byte[] before = Files.readAllBytes(in);
            try (HeapIndex index = TestDumps.index(in, dir)) {
                assertThat(index.objectCount()).isPositive();
                index.release();
                assertThat(index.shallowSize(0)).isPositive();
            }
            assertThat(Files.readAllBytes(in)).isEqualTo(before);
            assertThat(Files.getLastModifiedTime(in)).isEqualTo(old);
        }
        assertNoTempLeft();
    }

    private void assertNoTempLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("temp directories and inflated copies are removed on close")
                    .noneMatch(name -> name.startsWith("leakhound-") || name.startsWith("inflated-"));
        }
    }
}
