package io.leakhound.analysis.findings;

import io.leakhound.analysis.AnalyzedHeap;
import io.leakhound.analysis.Units;
import io.leakhound.analysis.collections.CollectionInfo;
import io.leakhound.analysis.collections.CollectionInspectors;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.Finding;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.heap.concurrent.Parallel;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds waste among the reachable objects: duplicate strings (by a 64-bit hash of their contents read in place,
 * never copied nor reported), empty collections that hold an allocated table or array, sparse ones (mostly empty
 * slots), and boxed primitives. Strings and collections are examined in two passes at once, one per core, each
 * capped (in file order) so it stays cheap, in time and in dump pages read, on huge dumps; findings say when a
 * cap was reached.
 */
public final class WasteFindings {
    /** Strings examined at most. */
    static final int MAX_STRINGS = 200_000;
    /** Collections examined at most. */
    static final int MAX_COLLECTIONS = 50_000;
    /** Findings below this many bytes are not worth a line. */
    static final long MIN_BYTES = 256 * 1024;
    /** A collection with at least this many slots, filled below {@link #SPARSE_FILL}, is sparse. */
    static final long SPARSE_MIN_CAPACITY = 64;
    static final double SPARSE_FILL = 0.25;
    /** Example ids per finding. */
    static final int EXAMPLES = 5;
    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean");

    private final AnalyzedHeap heap;
    private final HeapIndex index;
    private final CollectionInspectors collections;

    public WasteFindings(AnalyzedHeap heap) {
        this.heap = heap;
        this.index = heap.index();
        this.collections = new CollectionInspectors(index);
    }

    /** All waste findings, largest first; {@code histogram} gives the boxed-primitive counts. */
    public List<Finding> find(List<ClassRow> histogram) {
        List<Finding> out = new ArrayList<>();
        // the string and collection passes are independent: each gets a core (the rest of the analysis is done)
        heap.index().mapForConcurrentReads();
        heap.tree().mapAll();
        List<Object> passes = Parallel.run(2, k -> k == 0 ? duplicateStrings() : collectionWaste());
        report((StringPass) passes.get(0), out);
        report((CollectionPass) passes.get(1), out);
        boxedPrimitives(histogram, out);
        out.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return out;
    }

    /** What the string pass found: strings whose contents another string examined before already has. */
    private record StringPass(long duplicates, long bytes, LongArrayList examples, boolean capped) {
    }

    /** What the collection pass found: empty collections holding tables or arrays, and sparse ones. */
    private record CollectionPass(long empty, long emptyBytes, LongArrayList emptyExamples, long sparse,
                                  long sparseBytes, LongArrayList sparseExamples, boolean capped) {
    }

    /**
     * The first {@link #MAX_STRINGS} reachable strings in file order, each with a 64-bit hash of its value
     * array's contents read in place.
     */
    private StringPass duplicateStrings() {
        int stringClass = classNumber("java.lang.String");
        if (stringClass < 0) {
            return new StringPass(0, 0, new LongArrayList(), false);
        }
        int valueOffset = index.classes().get(stringClass).fieldOffset("value");
        ObjectReader reader = new ObjectReader(index);
        DominatorTree tree = heap.tree();
        Long2IntOpenHashMap copies = new Long2IntOpenHashMap();
        long strings = 0;
        long duplicates = 0;
        long bytes = 0;
        LongArrayList examples = new LongArrayList();
        for (long node = index.classObjectCount(); node < index.objectCount(); node++) {
            if (index.classNumberOf(node) != stringClass || !tree.isReachable(node)) {
                continue;
            }
            if (strings++ >= MAX_STRINGS) {
                return new StringPass(duplicates, bytes, examples, true);
            }
            long value = reader.fieldNode(node, valueOffset);
            long h = value < 0 ? ObjectReader.NOT_A_PRIMITIVE_ARRAY : reader.primitiveArrayHash(value);
            if (h == ObjectReader.NOT_A_PRIMITIVE_ARRAY) {
                continue;
            }
            if (copies.addTo(h, 1) > 0) {
                duplicates++;
                bytes += index.shallowSize(node) + index.shallowSize(value);
                if (examples.size() < EXAMPLES) {
                    examples.add(node);
                }
            }
        }
        return new StringPass(duplicates, bytes, examples, false);
    }

    /** The first {@link #MAX_COLLECTIONS} reachable collections in file order, by their size and capacity. */
    private CollectionPass collectionWaste() {
        int classCount = index.classes().size();
        boolean[] collectionClass = new boolean[classCount];
        for (int k = 0; k < classCount; k++) {
            collectionClass[k] = collections.recognizedClass(k) != null;
        }
        DominatorTree tree = heap.tree();
        long refSize = index.sizeModel().referenceSize();
        long examined = 0;
        long empty = 0;
        long emptyBytes = 0;
        LongArrayList emptyExamples = new LongArrayList();
        long sparse = 0;
        long sparseBytes = 0;
        LongArrayList sparseExamples = new LongArrayList();
        boolean capped = false;
        for (long node = index.classObjectCount(); node < index.objectCount(); node++) {
            if (!collectionClass[index.classNumberOf(node)] || !tree.isReachable(node)) {
                continue;
            }
            if (examined++ >= MAX_COLLECTIONS) {
                capped = true;
                break;
            }
            CollectionInfo info = collections.inspect(node);
            if (info == null || info.node() != info.backingNode()) {  // sets and wrappers: their map counts
                continue;
            }
            long capacity = info.capacity();
            long size = info.size();
            if (capacity <= 0 || size < 0) {
                continue;
            }
            if (size == 0) {
                empty++;
                for (long array : info.backingArrays()) {
                    emptyBytes += index.shallowSize(array);
                }
                if (emptyExamples.size() < EXAMPLES) {
                    emptyExamples.add(node);
                }
            } else if (capacity >= SPARSE_MIN_CAPACITY && (double) size / capacity < SPARSE_FILL) {
                sparse++;
                sparseBytes += (capacity - size) * refSize;
                if (sparseExamples.size() < EXAMPLES) {
                    sparseExamples.add(node);
                }
            }
        }
        return new CollectionPass(empty, emptyBytes, emptyExamples, sparse, sparseBytes, sparseExamples, capped);
    }

    private void report(StringPass strings, List<Finding> out) {
        String note = strings.capped() ? " (among the first " + Units.count(MAX_STRINGS) + " strings)" : "";
        add(out, "duplicate-strings", strings.bytes(), strings.examples(), Units.count(strings.duplicates())
                + " strings repeat the contents of another string" + note + ": " + Units.bytes(strings.bytes())
                + " could be saved by sharing one copy (intern or deduplicate them where they are created, or run"
                + " G1 with -XX:+UseStringDeduplication)");
    }

    private void report(CollectionPass c, List<Finding> out) {
        String note = c.capped() ? " (among the first " + Units.count(MAX_COLLECTIONS) + " collections)" : "";
        add(out, "empty-collections", c.emptyBytes(), c.emptyExamples(), Units.count(c.empty())
                + " empty collections hold allocated tables or arrays" + note + ": "
                + Units.bytes(c.emptyBytes()) + " could be saved by creating them lazily or with"
                + " Collections.emptyList()/Map.of() until the first element");
        add(out, "sparse-collections", c.sparseBytes(), c.sparseExamples(), Units.count(c.sparse())
                + " collections are less than " + Math.round(SPARSE_FILL * 100) + "% full" + note + ": "
                + Units.bytes(c.sparseBytes()) + " of empty slots (size them for their content, or trimToSize())");
    }

    private void boxedPrimitives(List<ClassRow> histogram, List<Finding> out) {
        long count = 0;
        long bytes = 0;
        for (ClassRow r : histogram) {
            if (BOXES.contains(r.className())) {
                count += r.instances();
                bytes += r.shallowBytes();
            }
        }
        add(out, "boxed-primitives", bytes, new LongArrayList(), Units.count(count)
                + " boxed primitives (Integer, Long, Double, ...) take " + Units.bytes(bytes)
                + " plus a reference each: primitive arrays or primitive collections (fastutil, Eclipse"
                + " Collections) store the values directly");
    }

    private void add(List<Finding> out, String pattern, long bytes, LongArrayList examples, String message) {
        if (bytes < MIN_BYTES) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (long node : examples) {
            ids.add(PathDescriber.hex(index.idOf(node)));
        }
        out.add(new Finding(pattern, "info", message, bytes, ids));
    }

    private int classNumber(String name) {
        ClassInfo c = index.classes().byName(name);
        return c == null ? -1 : c.number();
    }
}
