import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.visualvm.lib.jfluid.heap.Heap;
import org.graalvm.visualvm.lib.jfluid.heap.HeapFactory;
import org.graalvm.visualvm.lib.jfluid.heap.HeapSummary;
import org.graalvm.visualvm.lib.jfluid.heap.JavaClass;

/**
 * Benchmark driver for VisualVM's heap library ({@code org-graalvm-visualvm-lib-jfluid-heap.jar}):
 * "open the dump + class histogram".
 *
 * <p>{@code HeapFactory.createHeap(File)} indexes the dump (VisualVM keeps its index files in a
 * {@code DUMP.hwcache} directory next to the dump; {@code bench/run.sh} deletes it before and after each
 * run so no run profits from a previous one). The histogram is {@code getAllClasses()} with
 * {@code getInstancesCount()} and {@code getAllInstancesSize()} (VisualVM's shallow size, which includes
 * object headers). Uses only the library's public API.
 *
 * <p>Usage: {@code java -cp CLASSES:VISUALVM_CP VisualVmHistogram DUMP.hprof [TOP]}
 */
public final class VisualVmHistogram {

    record Row(String name, long count, long bytes) {}

    public static void main(String[] args) throws Exception {
        File dump = new File(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;

        long t0 = System.nanoTime();
        Heap heap = HeapFactory.createHeap(dump);
        long t1 = System.nanoTime();
        System.out.printf("visualvm: opened %s in %.1f s%n", dump, (t1 - t0) / 1e9);

        List<JavaClass> classes = heap.getAllClasses();
        List<Row> rows = new ArrayList<>(classes.size());
        long objects = 0;
        long bytes = 0;
        for (JavaClass c : classes) {
            Row r = new Row(c.getName(), c.getInstancesCount(), c.getAllInstancesSize());
            objects += r.count();
            bytes += r.bytes();
            rows.add(r);
        }
        rows.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        long t2 = System.nanoTime();
        HeapSummary s = heap.getSummary();
        System.out.printf("visualvm: histogram of %,d objects, %,d shallow bytes, %,d classes in %.1f s "
                        + "(summary: %,d live instances, %,d live bytes)%n",
                objects, bytes, classes.size(), (t2 - t1) / 1e9, s.getTotalLiveInstances(), s.getTotalLiveBytes());
        System.out.printf("%14s %16s  %s%n", "objects", "shallow bytes", "class");
        for (int k = 0; k < Math.min(top, rows.size()); k++) {
            Row r = rows.get(k);
            System.out.printf("%,14d %,16d  %s%n", r.count(), r.bytes(), r.name());
        }
        System.out.printf("visualvm: total %.1f s%n", (t2 - t0) / 1e9);
    }
}
