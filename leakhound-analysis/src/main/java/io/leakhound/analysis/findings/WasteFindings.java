package io.leakhound.analysis.findings;

import io.leakhound.analysis.AnalyzedHeap;
import io.leakhound.analysis.Units;
import io.leakhound.analysis.collections.CollectionInfo;
import io.leakhound.analysis.collections.CollectionInspectors;
import io.leakhound.analysis.model.ClassRow;
import io.leakhound.analysis.model.Finding;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds waste in one pass over the reachable objects: duplicate strings (by a 64-bit hash of their
 * contents read in place, never copied nor reported), empty collections that hold an allocated table or array, sparse ones
 * (mostly empty slots), and boxed primitives. Strings and collections examined are capped (in file order) so
 * the pass stays cheap, in time and in dump pages read, on huge dumps; findings say when the cap was reached.
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
    private final ObjectReader reader;
    private final CollectionInspectors collections;

    public WasteFindings(AnalyzedHeap heap) {
        this.heap = heap;
        this.index = heap.index();
        this.reader = new ObjectReader(index);
        this.collections = new CollectionInspectors(index);
    }

    /** All waste findings, largest first; {@code histogram} gives the boxed-primitive counts. */
    public List<Finding> find(List<ClassRow> histogram) {
        List<Finding> out = new ArrayList<>();
        scan(out);
        boxedPrimitives(histogram, out);
        out.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return out;
    }

    private void scan(List<Finding> out) {
        DominatorTree tree = heap.tree();
        int stringClass = classNumber("java.lang.String");
        int valueOffset = stringClass < 0 ? -1 : index.classes().get(stringClass).fieldOffset("value");
        Long2IntOpenHashMap copies = new Long2IntOpenHashMap();
        Long2LongOpenHashMap firstOf = new Long2LongOpenHashMap();
        long strings = 0;
        long duplicateBytes = 0;
        long duplicates = 0;
        LongArrayList duplicateExamples = new LongArrayList();
        long examined = 0;
        long emptyBytes = 0;
        long empty = 0;
        LongArrayList emptyExamples = new LongArrayList();
        long sparseBytes = 0;
        long sparse = 0;
        LongArrayList sparseExamples = new LongArrayList();
        long refSize = index.sizeModel().referenceSize();
        boolean stringsCapped = false;
        boolean collectionsCapped = false;
        int classCount = index.classes().size();
        boolean[] collectionClass = new boolean[classCount];
        for (int k = 0; k < classCount; k++) {
            collectionClass[k] = collections.recognizedClass(k) != null;
        }
        for (long node = index.classObjectCount(); node < index.objectCount(); node++) {
            if (stringsCapped && collectionsCapped) {
                break;
            }
            int c = index.classNumberOf(node);
            if (c == stringClass) {
                if (strings >= MAX_STRINGS) {
                    stringsCapped = true;
                    continue;
                }
                if (!tree.isReachable(node)) {
                    continue;
                }
                strings++;
                long value = reader.fieldNode(node, valueOffset);
                long h = value < 0 ? ObjectReader.NOT_A_PRIMITIVE_ARRAY : reader.primitiveArrayHash(value);
                if (h == ObjectReader.NOT_A_PRIMITIVE_ARRAY) {
                    continue;
                }
                int seen = copies.addTo(h, 1);
                if (seen == 0) {
                    firstOf.put(h, node);
                } else {
                    duplicates++;
                    duplicateBytes += index.shallowSize(node) + index.shallowSize(value);
                    if (duplicateExamples.size() < EXAMPLES) {
                        duplicateExamples.add(node);
                    }
                }
                continue;
            }
            if (collectionsCapped || !collectionClass[c] || !tree.isReachable(node)) {
                continue;
            }
            if (examined++ >= MAX_COLLECTIONS) {
                collectionsCapped = true;
                continue;
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
        String stringNote = stringsCapped ? " (among the first " + Units.count(MAX_STRINGS) + " strings)" : "";
        add(out, "duplicate-strings", duplicateBytes, duplicateExamples, Units.count(duplicates)
                + " strings repeat the contents of another string" + stringNote + ": " + Units.bytes(duplicateBytes)
                + " could be saved by sharing one copy (intern or deduplicate them where they are created, or run"
                + " G1 with -XX:+UseStringDeduplication)");
        String collectionNote = collectionsCapped ? " (among the first " + Units.count(MAX_COLLECTIONS)
                + " collections)" : "";
        add(out, "empty-collections", emptyBytes, emptyExamples, Units.count(empty)
                + " empty collections hold allocated tables or arrays" + collectionNote + ": "
                + Units.bytes(emptyBytes) + " could be saved by creating them lazily or with"
                + " Collections.emptyList()/Map.of() until the first element");
        add(out, "sparse-collections", sparseBytes, sparseExamples, Units.count(sparse)
                + " collections are less than " + Math.round(SPARSE_FILL * 100) + "% full" + collectionNote + ": "
                + Units.bytes(sparseBytes) + " of empty slots (size them for their content, or trimToSize())");
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
