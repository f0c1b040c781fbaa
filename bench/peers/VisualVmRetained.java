import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.visualvm.lib.jfluid.heap.Heap;
import org.graalvm.visualvm.lib.jfluid.heap.HeapFactory;
import org.graalvm.visualvm.lib.jfluid.heap.Instance;
import org.graalvm.visualvm.lib.jfluid.heap.JavaClass;

/**
 * Benchmark driver for VisualVM's heap library: "open the dump + retained sizes".
 *
 * <p>Computes the biggest objects by retained size ({@code Heap.getBiggestObjectsByRetainedSize}, which
 * builds VisualVM's dominator tree) and then the retained size of every class
 * ({@code JavaClass.getRetainedSizeByClass()}), and prints the top entries of both. Uses only the
 * library's public API.
 *
 * <p>Usage: {@code java -cp CLASSES:VISUALVM_CP VisualVmRetained DUMP.hprof [TOP]}
 */
public final class VisualVmRetained {

    record Row(String name, long count, long retained) {}

    public static void main(String[] args) throws Exception {
        File dump = new File(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;

        long t0 = System.nanoTime();
        Heap heap = HeapFactory.createHeap(dump);
        long t1 = System.nanoTime();
        System.out.printf("visualvm: opened %s in %.1f s%n", dump, (t1 - t0) / 1e9);

        List<Instance> biggest = heap.getBiggestObjectsByRetainedSize(top);
        long t2 = System.nanoTime();
        System.out.printf("visualvm: %d biggest objects by retained size in %.1f s%n", biggest.size(), (t2 - t1) / 1e9);
        System.out.printf("%16s %12s  %s%n", "retained bytes", "shallow", "object");
        for (Instance i : biggest) {
            System.out.printf("%,16d %,12d  %s#%d (0x%x)%n", i.getRetainedSize(), i.getSize(),
                    i.getJavaClass().getName(), i.getInstanceNumber(), i.getInstanceId());
        }

        List<Row> rows = new ArrayList<>();
        for (JavaClass c : heap.getAllClasses()) {
            rows.add(new Row(c.getName(), c.getInstancesCount(), c.getRetainedSizeByClass()));
        }
        rows.sort((a, b) -> Long.compare(b.retained(), a.retained()));
        long t3 = System.nanoTime();
        System.out.printf("visualvm: retained size by class for %,d classes in %.1f s%n", rows.size(), (t3 - t2) / 1e9);
        System.out.printf("%14s %16s  %s%n", "objects", "retained bytes", "class");
        for (int k = 0; k < Math.min(top, rows.size()); k++) {
            Row r = rows.get(k);
            System.out.printf("%,14d %,16d  %s%n", r.count(), r.retained(), r.name());
        }
        System.out.printf("visualvm: total %.1f s%n", (t3 - t0) / 1e9);
    }
}
