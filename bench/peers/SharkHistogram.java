import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import shark.CloseableHeapGraph;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;

/**
 * Benchmark driver for LeakCanary's Shark (2.14): "index the dump + class histogram".
 *
 * <p>Opens the HPROF with {@code HprofHeapGraph.openHeapGraph} (which builds Shark's in-memory index),
 * then walks every object once and aggregates, per class, the number of objects and their shallow size
 * as Shark defines it (instances: the class's field bytes in the dump; arrays: element bytes). Prints the
 * object counts and the top classes by shallow size. Uses only Shark's public API; compiled by
 * {@code bench/run.sh} against the jars fetched by {@code peers.sh}.
 *
 * <p>Usage: {@code java -cp CLASSES:SHARK_CP SharkHistogram DUMP.hprof [TOP]}
 */
public final class SharkHistogram {

    private static final class Row {
        final String name;
        long count;
        long bytes;

        Row(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) throws Exception {
        File dump = new File(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;

        long t0 = System.nanoTime();
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(
                dump, null, HprofIndex.Companion.defaultIndexedGcRootTags())) {
            long t1 = System.nanoTime();
            System.out.printf("shark: indexed %s in %.1f s: %,d objects (%,d classes, %,d instances, "
                            + "%,d object arrays, %,d primitive arrays), %,d GC roots%n",
                    dump, (t1 - t0) / 1e9, graph.getObjectCount(), graph.getClassCount(), graph.getInstanceCount(),
                    graph.getObjectArrayCount(), graph.getPrimitiveArrayCount(), graph.getGcRoots().size());

            // keyed by class object id; primitive arrays by a negative pseudo id per primitive type
            Map<Long, Row> byClass = new HashMap<>();
            Map<String, Row> byPrimitiveType = new HashMap<>();
            long objects = 0;
            long totalBytes = 0;
            Iterator<HeapObject> it = graph.getObjects().iterator();
            while (it.hasNext()) {
                HeapObject o = it.next();
                objects++;
                Row row;
                long size;
                if (o instanceof HeapObject.HeapInstance) {
                    HeapObject.HeapInstance i = (HeapObject.HeapInstance) o;
                    row = byClass.computeIfAbsent(i.getInstanceClassId(), id -> new Row(null));
                    size = i.getByteSize();
                } else if (o instanceof HeapObject.HeapObjectArray) {
                    HeapObject.HeapObjectArray a = (HeapObject.HeapObjectArray) o;
                    row = byClass.computeIfAbsent(a.getArrayClassId(), id -> new Row(null));
                    size = a.getByteSize();
                } else if (o instanceof HeapObject.HeapPrimitiveArray) {
                    HeapObject.HeapPrimitiveArray a = (HeapObject.HeapPrimitiveArray) o;
                    row = byPrimitiveType.computeIfAbsent(a.getArrayClassName(), Row::new);
                    size = a.getByteSize();
                } else {
                    row = byPrimitiveType.computeIfAbsent("(class objects)", Row::new);
                    size = 0;
                }
                row.count++;
                row.bytes += size;
                totalBytes += size;
            }
            List<Row> rows = new ArrayList<>(byPrimitiveType.values());
            for (Map.Entry<Long, Row> e : byClass.entrySet()) {
                Row named = new Row(((HeapObject.HeapClass) graph.findObjectById(e.getKey())).getName());
                named.count = e.getValue().count;
                named.bytes = e.getValue().bytes;
                rows.add(named);
            }
            rows.sort((a, b) -> Long.compare(b.bytes, a.bytes));
            long t2 = System.nanoTime();
            System.out.printf("shark: histogram of %,d objects, %,d shallow bytes, %,d classes in %.1f s%n",
                    objects, totalBytes, rows.size(), (t2 - t1) / 1e9);
            System.out.printf("%14s %16s  %s%n", "objects", "shallow bytes", "class");
            for (int k = 0; k < Math.min(top, rows.size()); k++) {
                Row r = rows.get(k);
                System.out.printf("%,14d %,16d  %s%n", r.count, r.bytes, r.name);
            }
            System.out.printf("shark: total %.1f s%n", (t2 - t0) / 1e9);
        }
    }
}
