package io.leakhound.heap.index;

import static io.leakhound.heap.index.SmallGraph.ARR;
import static io.leakhound.heap.index.SmallGraph.BAR;
import static io.leakhound.heap.index.SmallGraph.BAR1;
import static io.leakhound.heap.testing.IndexSnapshot.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.HprofException;
import io.leakhound.hprof.testing.HprofWriter;
import io.leakhound.hprof.testing.HprofWriter.Record;
import io.leakhound.hprof.testing.HprofWriter.SubRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Indexes {@link SmallGraph} cut at every top-level record boundary, every heap sub-record boundary and
 * offsets inside records: never an exception, and the index holds exactly the objects of the complete
 * records before the cut, their references to each other, and the roots naming them.
 */
class HeapIndexTruncationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void cutAnywhere(int idSize) {
        SmallGraph g = new SmallGraph(idSize, 0x1000, 0x100);
        HprofWriter w = g.dump(3);
        byte[] all = w.toByteArray();

        TreeSet<Long> cuts = new TreeSet<>(w.recordBoundaries());
        for (SubRecord s : w.subRecords()) {
            cuts.add(s.end());
        }
        List<Record> records = w.records();
        for (Record r : records) {
            cuts.add(r.start() + 3); // inside a record header
            cuts.add(r.end() - 1); // inside a body (or header of an empty record)
        }
        SubRecord bar1 = w.objectRecord(g.id(BAR1));
        cuts.add(bar1.end() - 2); // inside an instance's fields
        cuts.add(bar1.start() + 1 + idSize + 2); // inside an instance's record header
        SubRecord arr = w.objectRecord(g.id(ARR));
        cuts.add(arr.end() - idSize - 1); // inside an object array's elements
        SubRecord barClass = w.objectRecord(g.id(BAR));
        cuts.add(barClass.end() - 3); // inside a class dump's field table
        cuts.add(barClass.start() + 40); // inside a class dump's statics
        cuts.removeIf(c -> c < w.headerLength() || c > all.length);

        Set<Long> boundaries = new HashSet<>(w.recordBoundaries());
        Path file = dir.resolve("cut.hprof");
        for (long cut : cuts) {
            HprofWriter.write(file, Arrays.copyOf(all, (int) cut));
            String at = "cut at " + cut + " of " + all.length;
            try (HeapIndex index = TestDumps.index(file, dir)) {
                IndexSnapshot s = IndexSnapshot.of(index);
                Set<Long> present = new TreeSet<>();
                for (SubRecord sub : w.subRecords()) {
                    if (sub.isObject() && sub.end() <= cut) {
                        present.add(sub.objectId());
                    }
                }
                assertThat(ids(s.objects())).as(at).isEqualTo(present.stream().map(x -> hex(x)).toList());
                assertThat(index.objectCount()).isEqualTo(present.size());

                boolean truncated = !boundaries.contains(cut);
                assertThat(index.stats().truncated()).as(at).isEqualTo(truncated);
                assertThat(index.stats().dataBytes()).as(at).isEqualTo(cut);
                assertThat(index.warnings().stream().filter(m -> m.startsWith("dump truncated: ")).count())
                        .as(at + ": " + index.warnings()).isEqualTo(truncated ? 1 : 0);

                // references between present objects are kept; those to objects cut off are counted as dangling
                List<String> edges = new ArrayList<>();
                long dangling = 0;
                for (Map.Entry<Integer, List<Integer>> e : g.references().entrySet()) {
                    if (!present.contains(g.id(e.getKey()))) {
                        continue;
                    }
                    List<String> targets = new ArrayList<>();
                    for (int t : e.getValue()) {
                        if (present.contains(g.id(t))) {
                            targets.add(hex(g.id(t)));
                        } else {
                            dangling++;
                        }
                    }
                    if (!targets.isEmpty()) {
                        edges.add(hex(g.id(e.getKey())) + " -> " + targets);
                    }
                }
                assertThat(s.edges()).as(at).isEqualTo(edges);
                assertThat(index.stats().danglingReferences()).as(at).isEqualTo(dangling);
                assertThat(index.warnings().contains(dangling
                        + " references point to objects missing from the dump; they were dropped"))
                        .as(at + ": " + index.warnings()).isEqualTo(dangling > 0);

                long rootsRead = w.subRecords().stream()
                        .filter(r -> r.isRoot() && r.objectId() != 0 && r.end() <= cut).count();
                List<String> rootIds = w.subRecords().stream()
                        .filter(r -> r.isRoot() && r.end() <= cut && present.contains(r.objectId()))
                        .map(r -> hex(r.objectId())).toList();
                assertThat(s.roots().stream().map(r -> r.split(" ")[1]).toList()).as(at).isEqualTo(rootIds);
                assertThat(index.roots().dangling()).as(at).isEqualTo(rootsRead - rootIds.size());
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("every index's temp directory is removed on close").containsExactly("cut.hprof");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void cutInsideTheHeaderIsRefusedWithoutLeavingTempFiles(int idSize) throws Exception {
        byte[] all = new SmallGraph(idSize, 0x1000, 0x100).dump(1).toByteArray();
        Path file = dir.resolve("cut.hprof");
        for (int cut = 0; cut < 31; cut++) {
            HprofWriter.write(file, Arrays.copyOf(all, cut));
            assertThatThrownBy(() -> TestDumps.index(file, dir)).isInstanceOf(HprofException.class)
                    .hasMessage(file + ": " + (cut == 0 ? "empty file, not a heap dump"
                            : "header truncated (" + cut + " bytes), not a usable heap dump"));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("cut.hprof");
        }
    }

    private static List<String> ids(List<String> objects) {
        return objects.stream().map(o -> o.substring(0, o.indexOf(' '))).toList();
    }
}
