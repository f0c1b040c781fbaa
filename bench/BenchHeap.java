import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * Builds a large, realistic-looking heap and writes it to an HPROF file with
 * {@code HotSpotDiagnosticMXBean.dumpHeap(path, live=true)}.
 *
 * <p>Usage: {@code java -Xmx8g bench/BenchHeap.java OUT.hprof SCALE}. SCALE is roughly the number of
 * millions of objects in the dump; a unit of scale is about 50 MB of HPROF, so scale 60 gives about
 * 3 GB / 60 M objects and scale 10 about 500 MB / 10 M objects. Needs about 130 MB of heap per unit.
 *
 * <p>Content per unit of scale: maps of records (HashMap&lt;String, Customer&gt;, HashMap&lt;Long, Order&gt;)
 * with strings and boxed values, a LinkedHashMap, ArrayLists, primitive arrays of varied lengths,
 * object arrays, weak and soft references; plus a linked chain and a deep binary-ish tree each more than
 * a million nodes deep (recursive traversals overflow the stack), and a few parked threads holding
 * objects in local variables. The generator is deterministic (fixed seed).
 *
 * <p>This file is a stand-alone benchmark fixture; it is not part of the leakhound build.
 */
public final class BenchHeap {

    // ---- the shapes that end up in the dump -------------------------------------------------------

    record Customer(String name, Long id, Integer visits, double balance, String tier, Boolean active) {}

    record Order(String sku, Long orderId, Integer quantity, Double price, Customer customer) {}

    /** One link of a long singly linked chain: reached only through {@code next}, depth = chain length. */
    static final class ChainNode {
        final ChainNode next;
        final int depth;
        Object payload;

        ChainNode(ChainNode next, int depth) {
            this.next = next;
            this.depth = depth;
        }
    }

    /** A degenerate binary tree: the spine goes down through {@code left}; small subtrees hang off {@code right}. */
    static final class TreeNode {
        TreeNode left;
        TreeNode right;
        final long key;

        TreeNode(long key) {
            this.key = key;
        }
    }

    /** A cache entry with a weak reference to a live object and a soft reference to a buffer. */
    static final class CacheEntry {
        final String key;
        final WeakReference<Object> owner;
        final SoftReference<byte[]> blob;
        long lastAccess;

        CacheEntry(String key, Object owner, byte[] blob, long lastAccess) {
            this.key = key;
            this.owner = new WeakReference<>(owner);
            this.blob = new SoftReference<>(blob);
            this.lastAccess = lastAccess;
        }
    }

    /** Static roots: everything built is reachable from here (or from thread stacks). */
    static final class Registry {
        static final List<Map<String, Customer>> CUSTOMERS = new ArrayList<>();
        static final List<Map<Long, Order>> ORDERS = new ArrayList<>();
        static LinkedHashMap<String, Integer> recentlyUsed;
        static final List<List<Object>> LISTS = new ArrayList<>();
        static final List<Object> ARRAYS = new ArrayList<>();
        static final List<Object[]> OBJECT_ARRAYS = new ArrayList<>();
        static final List<CacheEntry> CACHE = new ArrayList<>();
        static final List<byte[]> BUFFERS = new ArrayList<>();
        static ChainNode chain;
        static TreeNode tree;
    }

    private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
    private static final int MAP_CHUNK = 250_000;

    private final SplittableRandom random = new SplittableRandom(42);
    private final double scale;
    private long objects; // estimated number of objects created and kept reachable
    private final Object[] sample = new Object[4096]; // objects for object arrays to point at
    private int sampleCount;

    private BenchHeap(double scale) {
        this.scale = scale;
    }

    private int perUnit(int n) {
        return (int) Math.max(1, Math.round(n * scale));
    }

    /** A fresh String (not interned, with its own byte[]): 2 objects. */
    private String str(String s) {
        objects += 2;
        return new String(s.toCharArray());
    }

    private void remember(Object o) {
        if (sampleCount < sample.length) {
            sample[sampleCount++] = o;
        } else {
            sample[random.nextInt(sample.length)] = o;
        }
    }

    private static String word(SplittableRandom r, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(c);
    }

    // ---- builders ---------------------------------------------------------------------------------

    private void customers() {
        int n = perUnit(54_000);
        Map<String, Customer> map = null;
        for (int i = 0; i < n; i++) {
            if (i % MAP_CHUNK == 0) {
                map = new HashMap<>();
                Registry.CUSTOMERS.add(map);
                objects += 2; // map + table
            }
            // a few names with non-Latin-1 characters, so some strings are UTF-16
            String name = (i % 97 == 0) ? "Kund\u00e9 \u03a9" + i : word(random, 6 + random.nextInt(14));
            Customer c = new Customer(str(name), 1_000_000L + i, 128 + random.nextInt(100_000),
                    random.nextDouble() * 10_000, TIERS[i & 3], (i & 1) == 0);
            objects += 3; // Customer, Long, Integer (Boolean and tier are shared)
            map.put(str("cust-" + Integer.toString(i, 36)), c);
            objects += 1; // HashMap.Node
            if ((i & 63) == 0) {
                remember(c);
            }
        }
    }

    private void orders() {
        int n = perUnit(27_000);
        Map<Long, Order> map = null;
        List<Customer> someCustomers = new ArrayList<>();
        for (Map<String, Customer> m : Registry.CUSTOMERS) {
            for (Customer c : m.values()) {
                someCustomers.add(c);
                if (someCustomers.size() >= 50_000) {
                    break;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (i % MAP_CHUNK == 0) {
                map = new HashMap<>();
                Registry.ORDERS.add(map);
                objects += 2;
            }
            Long key = 5_000_000_000L + i;
            Order o = new Order(str("SKU-" + word(random, 6)), 9_000_000_000L + i, 200 + random.nextInt(5_000),
                    random.nextDouble() * 500, someCustomers.get(random.nextInt(someCustomers.size())));
            objects += 5; // Order, Long orderId, Integer, Double, key Long
            map.put(key, o);
            objects += 1; // node
            if ((i & 63) == 0) {
                remember(o);
            }
        }
    }

    private void linkedHashMap() {
        int n = perUnit(12_500);
        LinkedHashMap<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true);
        objects += 2;
        for (int i = 0; i < n; i++) {
            lru.put(str("/api/v1/items/" + i), 1_000 + i);
            objects += 2; // entry, Integer
        }
        Registry.recentlyUsed = lru;
    }

    private void arrayLists() {
        int n = perUnit(2_000);
        for (int i = 0; i < n; i++) {
            int size = 5 + random.nextInt(30);
            List<Object> list = new ArrayList<>();
            objects += 2; // list + elementData
            for (int j = 0; j < size; j++) {
                if ((j & 1) == 0) {
                    list.add(str("item-" + i + "-" + j));
                } else {
                    list.add(Long.valueOf(1_000L + random.nextInt(1 << 20)));
                    objects += 1;
                }
            }
            Registry.LISTS.add(list);
            remember(list);
        }
    }

    private Object primitiveArray(int bytes) {
        switch (random.nextInt(8)) {
            case 0: return new int[bytes / 4];
            case 1: return new long[bytes / 8];
            case 2: return new double[bytes / 8];
            case 3: return new char[bytes / 2];
            case 4: return new short[bytes / 2];
            case 5: return new float[bytes / 4];
            case 6: return new boolean[bytes];
            default: {
                byte[] b = new byte[bytes];
                random.nextBytes(b);
                return b;
            }
        }
    }

    private void primitiveArrays() {
        int n = perUnit(60_000);
        for (int i = 0; i < n; i++) {
            int p = random.nextInt(100);
            int bytes;
            if (p < 60) {
                bytes = random.nextInt(64);            // small, including empty arrays
            } else if (p < 95) {
                bytes = 64 + random.nextInt(256);      // medium
            } else {
                bytes = 512 + random.nextInt(1_536);   // large-ish
            }
            Object a = primitiveArray(bytes);
            objects += 1;
            Registry.ARRAYS.add(a);
        }
        // a few big buffers (1 MiB each, one per 4 units of scale)
        int big = Math.max(1, (int) (scale / 4));
        for (int i = 0; i < big; i++) {
            byte[] b = new byte[1 << 20];
            random.nextBytes(b);
            Registry.BUFFERS.add(b);
            objects += 1;
        }
    }

    private void objectArrays() {
        int n = perUnit(15_000);
        for (int i = 0; i < n; i++) {
            Object[] a = new Object[random.nextInt(33)];
            for (int j = 0; j < a.length; j++) {
                if (random.nextInt(4) != 0) { // leave some nulls
                    a[j] = sample[random.nextInt(sampleCount)];
                }
            }
            Registry.OBJECT_ARRAYS.add(a);
            objects += 1;
        }
    }

    /** A chain of max(500 k, 50 k per unit) nodes, built tail first so the head is the only entry point. */
    private void deepChain() {
        int n = Math.max(500_000, perUnit(50_000));
        ChainNode node = null;
        for (int i = n; i > 0; i--) {
            node = new ChainNode(node, i);
            objects += 1;
            if ((i & 7) == 0) {
                node.payload = Integer.valueOf(1_000 + i);
                objects += 1;
            }
        }
        Registry.chain = node;
    }

    /** A binary-ish tree whose depth is max(500 k, 40 k per unit): left is the spine, right holds small subtrees. */
    private void deepTree() {
        int depth = Math.max(500_000, perUnit(40_000));
        TreeNode below = null;
        for (int i = depth; i > 0; i--) {
            TreeNode t = new TreeNode(i);
            objects += 1;
            t.left = below;
            if ((i & 3) == 0) {
                TreeNode r = new TreeNode(-i);
                r.left = new TreeNode(-2L * i);
                r.right = new TreeNode(-2L * i - 1);
                t.right = r;
                objects += 3;
            }
            below = t;
        }
        Registry.tree = below;
    }

    private void references() {
        int n = perUnit(5_000);
        for (int i = 0; i < n; i++) {
            // weak referent: a live sampled object; every 16th points at garbage and is cleared by the GC
            Object owner = (i & 15) == 0 ? new Object() : sample[random.nextInt(sampleCount)];
            byte[] blob = new byte[16 + random.nextInt(240)];
            Registry.CACHE.add(new CacheEntry(str("cache:" + i), owner, blob, System.nanoTime()));
            objects += 4; // entry, WeakReference, SoftReference, blob
        }
    }

    private List<Thread> threads(CountDownLatch ready, CountDownLatch release) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int id = t;
            Thread th = new Thread(() -> {
                // objects reachable only from this thread's stack frame
                List<String> localStrings = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    localStrings.add("worker-" + id + "-local-" + i);
                }
                long[] localBuffer = new long[100_000];
                Map<Integer, String> localMap = new HashMap<>();
                for (int i = 0; i < 2_000; i++) {
                    localMap.put(100_000 + i, "v" + i);
                }
                ready.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Reference.reachabilityFence(localStrings);
                Reference.reachabilityFence(localBuffer);
                Reference.reachabilityFence(localMap);
            }, "bench-worker-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
            objects += 2 + 10_000 * 2 + 2 + 1 + 2 + 2_000 * 4; // thread, list, strings, map, entries
        }
        return threads;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -Xmx8g BenchHeap.java OUT.hprof SCALE   (SCALE ~ millions of objects)");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        double scale = Double.parseDouble(args[1]);
        if (!out.getFileName().toString().endsWith(".hprof")) {
            throw new IllegalArgumentException("output file name must end with .hprof (a HotSpot requirement)");
        }
        Files.deleteIfExists(out);

        long t0 = System.nanoTime();
        BenchHeap b = new BenchHeap(scale);
        b.customers();
        b.orders();
        b.linkedHashMap();
        b.arrayLists();
        b.primitiveArrays();
        b.objectArrays();
        b.references();
        b.deepChain();
        b.deepTree();
        CountDownLatch ready = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = b.threads(ready, release);
        ready.await();
        System.out.printf("built ~%,d objects (estimate, excluding JDK internals) in %.1f s%n",
                b.objects, (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(out.toString(), true);
        try {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("warning: could not restrict permissions of " + out + ": " + e);
        }
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("dumped %s: %,d bytes in %.1f s; estimated objects: %,d%n",
                out, Files.size(out), (System.nanoTime() - t1) / 1e9, b.objects);
    }
}
