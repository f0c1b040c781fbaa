package io.leakhound.analysis.findings;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A heap with planted waste, dumped to the first argument: {@value #COPIES} copies each of {@value #VALUES}
 * distinct 40-character strings, {@value #EMPTY_LISTS} empty {@code ArrayList(100)}, {@value #SPARSE_MAPS}
 * {@code HashMap}s with 1024 buckets and 10 entries, and {@value #BOXES} boxed {@code Long}s in a list.
 */
public final class WasteHeap {
    public static final int VALUES = 10;
    public static final int COPIES = 2_000;
    public static final int EMPTY_LISTS = 5_000;
    public static final int SPARSE_MAPS = 1_000;
    public static final int BOXES = 100_000;
    static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        for (int v = 0; v < VALUES; v++) {
            String value = ("duplicated-value-" + v + "-").repeat(3).substring(0, 40);
            for (int c = 0; c < COPIES; c++) {
                KEEP.add(new String(value.toCharArray()));
            }
        }
        for (int i = 0; i < EMPTY_LISTS; i++) {
            List<Object> l = new ArrayList<>(100);
            l.add("x");
            l.clear();  // allocated array, no elements
            KEEP.add(l);
        }
        for (int i = 0; i < SPARSE_MAPS; i++) {
            Map<Integer, Integer> m = new HashMap<>(1024);
            for (int k = 0; k < 10; k++) {
                m.put(k, k);
            }
            KEEP.add(m);
        }
        List<Long> boxes = new ArrayList<>();
        for (long i = 0; i < BOXES; i++) {
            boxes.add(1_000_000L + i);
        }
        KEEP.add(boxes);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], true);
    }
}
