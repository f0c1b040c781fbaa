package io.leakhound.analysis.collections;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.cache.CacheBuilder;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Vector;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A heap of collections with known contents, run in a child JVM: fills every collection family the inspectors
 * support, corrupts two maps on purpose (through reflection; needs {@code --add-opens java.base/java.util=ALL-UNNAMED}),
 * writes the sizes only the program can know (cache sizes after eviction) to a properties file, and dumps the
 * heap (live objects). Arguments: dump path, sizes path.
 */
public final class CollectionsHeap {
    public static final int TREE_MAP_SIZE = 10_000;
    public static final int CHM_SIZE = 100_000;
    public static final int COLLIDING = 100;
    public static final int CAFFEINE_MAXIMUM = 100;
    public static final int GUAVA_MAXIMUM = 50;
    public static final int LRU_MAXIMUM = 100;
    public static final int CORRUPT_SIZE = 10;

    /** A key whose instances all share one hash code: a HashMap bin of them is treeified. */
    public static final class CollidingKey implements Comparable<CollidingKey> {
        final int n;

        CollidingKey(int n) {
            this.n = n;
        }

        @Override
        public int hashCode() {
            return 42;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CollidingKey k && k.n == n;
        }

        @Override
        public int compareTo(CollidingKey o) {
            return Integer.compare(n, o.n);
        }
    }

    /** A user subclass of HashMap. */
    public static final class UserMap extends HashMap<Long, String> {
        private static final long serialVersionUID = 1L;
    }

    /** The classic LRU: an access-order LinkedHashMap subclass overriding removeEldestEntry. */
    public static final class BoundedLru extends LinkedHashMap<Integer, Integer> {
        private static final long serialVersionUID = 1L;

        BoundedLru() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > LRU_MAXIMUM;
        }
    }

    /** Keys of the weak map, held strongly elsewhere so that they survive the dump's collection. */
    public static final class WeakKey {
    }

    /** Every collection, by static field. */
    public static final class Holder {
        static final Map<String, Integer> HASH_MAP = new HashMap<>();
        static final Map<String, Integer> EMPTY_HASH_MAP = new HashMap<>();
        static final UserMap USER_MAP = new UserMap();
        static final Map<Integer, String> LINKED_HASH_MAP = new LinkedHashMap<>();
        static final Map<Integer, String> ACCESS_ORDER = new LinkedHashMap<>(16, 0.75f, true);
        static final BoundedLru LRU = new BoundedLru();
        static final Map<CollidingKey, Integer> TREEIFIED = new HashMap<>();
        static final Map<Integer, Long> CHM = new ConcurrentHashMap<>();
        static final Map<CollidingKey, Integer> CHM_TREEIFIED = new ConcurrentHashMap<>();
        static final Map<String, String> HASHTABLE = new Hashtable<>();
        static final Properties PROPERTIES = new Properties();
        static final Set<String> HASH_SET = new HashSet<>();
        static final Set<String> LINKED_HASH_SET = new LinkedHashSet<>();
        static final Set<Integer> TREE_SET = new TreeSet<>();
        static final Set<Integer> CHM_KEY_SET = ConcurrentHashMap.newKeySet();
        static final TreeMap<Integer, String> TREE_MAP = new TreeMap<>();
        static final TreeMap<Integer, String> EMPTY_TREE_MAP = new TreeMap<>();
        static final List<WeakKey> WEAK_KEYS = new ArrayList<>();
        static final Map<WeakKey, String> WEAK_HASH_MAP = new WeakHashMap<>();
        static final Map<Object, Integer> IDENTITY_MAP = new IdentityHashMap<>();
        static final List<Integer> ARRAY_LIST = new ArrayList<>();
        static final List<Integer> EMPTY_ARRAY_LIST = new ArrayList<>();
        static final List<String> LINKED_LIST = new LinkedList<>();
        static final ArrayDeque<Long> ARRAY_DEQUE = new ArrayDeque<>();
        static final Vector<String> VECTOR = new Vector<>();
        static final List<String> COW_LIST = new CopyOnWriteArrayList<>();
        static final PriorityQueue<Integer> PRIORITY_QUEUE = new PriorityQueue<>();
        static final ConcurrentLinkedQueue<String> CLQ = new ConcurrentLinkedQueue<>();
        static final LinkedBlockingQueue<String> LBQ_BOUNDED = new LinkedBlockingQueue<>(1000);
        static final LinkedBlockingQueue<String> LBQ = new LinkedBlockingQueue<>();
        static final ArrayBlockingQueue<Integer> ABQ = new ArrayBlockingQueue<>(64);
        static final ConcurrentSkipListMap<Integer, String> SKIP_LIST = new ConcurrentSkipListMap<>();
        static final Map<String, Integer> SYNC_MAP = Collections.synchronizedMap(new HashMap<>());
        static final List<String> UNMODIFIABLE_LIST;
        static final List<String> LIST_OF = List.of("a", "b", "c", "d", "e");
        static final Map<String, Integer> MAP_OF = Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5, "f", 6);
        static final Set<String> SET_OF = Set.of("a", "b", "c", "d", "e", "f", "g");
        static Cache<Integer, String> CAFFEINE;
        static Cache<Integer, String> CAFFEINE_UNBOUNDED;
        static com.google.common.cache.Cache<Integer, String> GUAVA;
        static final Map<Integer, String> CORRUPT_LINKS = new LinkedHashMap<>();
        static final Map<Integer, String> CYCLIC_CHAIN = new HashMap<>();

        static {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                l.add("u" + i);
            }
            UNMODIFIABLE_LIST = Collections.unmodifiableList(l);
        }
    }

    private CollectionsHeap() {
    }

    public static void main(String[] args) throws Exception {
        fill();
        corrupt();
        Properties sizes = new Properties();
        sizes.setProperty("CAFFEINE", Long.toString(Holder.CAFFEINE.estimatedSize()));
        sizes.setProperty("GUAVA", Long.toString(Holder.GUAVA.size()));
        try (var out = Files.newBufferedWriter(Path.of(args[1]))) {
            sizes.store(out, null);
        }
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(args[0], true);
    }

    private static void fill() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Holder.HASH_MAP.put("k" + i, i);
            Holder.ARRAY_LIST.add(i);
        }
        for (long i = 0; i < 50; i++) {
            Holder.USER_MAP.put(i, "v" + i);
        }
        for (int i = 0; i < 300; i++) {
            Holder.LINKED_HASH_MAP.put(i, "v" + i);
        }
        for (int i = 0; i < 200; i++) {
            Holder.ACCESS_ORDER.put(i, "v" + i);
        }
        for (int i = 0; i < 200; i += 3) {
            Holder.ACCESS_ORDER.get(i);
        }
        for (int i = 0; i < 500; i++) {
            Holder.LRU.put(i, i);
            Holder.LRU.get(i / 2);
        }
        for (int i = 0; i < COLLIDING; i++) {
            Holder.TREEIFIED.put(new CollidingKey(i), i);
            Holder.CHM_TREEIFIED.put(new CollidingKey(i), i);
        }
        // four writers, so the count is likely spread over counter cells
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            int first = t;
            writers[t] = new Thread(() -> {
                for (int i = first; i < CHM_SIZE; i += 4) {
                    Holder.CHM.put(i, (long) i);
                }
            });
            writers[t].start();
        }
        for (Thread w : writers) {
            w.join();
        }
        for (int i = 0; i < 77; i++) {
            Holder.HASHTABLE.put("h" + i, "v" + i);
        }
        for (int i = 0; i < 5; i++) {
            Holder.PROPERTIES.setProperty("p" + i, "v" + i);
        }
        addStrings(Holder.HASH_SET, "s", 123);
        addStrings(Holder.LINKED_HASH_SET, "l", 45);
        for (int i = 0; i < 66; i++) {
            Holder.TREE_SET.add(i * 1000);
        }
        for (int i = 0; i < 9; i++) {
            Holder.CHM_KEY_SET.add(i);
        }
        for (int i = 0; i < TREE_MAP_SIZE; i++) {
            Holder.TREE_MAP.put(i * 7, "t" + i);
        }
        for (int i = 0; i < 20; i++) {
            WeakKey k = new WeakKey();
            Holder.WEAK_KEYS.add(k);
            Holder.WEAK_HASH_MAP.put(k, "w" + i);
        }
        for (int i = 0; i < 33; i++) {
            Holder.IDENTITY_MAP.put(new Object(), i);
        }
        addStrings(Holder.LINKED_LIST, "ll", 250);
        for (long i = 0; i < 20; i++) {
            Holder.ARRAY_DEQUE.add(i);
        }
        for (int i = 0; i < 10; i++) {
            Holder.ARRAY_DEQUE.poll();
        }
        for (long i = 0; i < 15; i++) {
            Holder.ARRAY_DEQUE.add(100 + i);   // wraps around: 25 elements, head in the middle
        }
        addStrings(Holder.VECTOR, "v", 40);
        addStrings(Holder.COW_LIST, "c", 12);
        for (int i = 0; i < 90; i++) {
            Holder.PRIORITY_QUEUE.add(1000 - i);
        }
        addStrings(Holder.CLQ, "q", 70);
        for (int i = 0; i < 5; i++) {
            Holder.CLQ.poll();
        }
        addStrings(Holder.LBQ_BOUNDED, "b", 30);
        addStrings(Holder.LBQ, "u", 10);
        Holder.LBQ.poll();
        for (int i = 0; i < 50; i++) {
            Holder.ABQ.add(i);
        }
        for (int i = 0; i < 40; i++) {
            Holder.ABQ.poll();
        }
        for (int i = 0; i < 30; i++) {
            Holder.ABQ.add(i);   // 40 elements, wrapped
        }
        for (int i = 0; i < 500; i++) {
            Holder.SKIP_LIST.put(i, "s" + i);
        }
        for (int i = 0; i < 500; i += 5) {
            Holder.SKIP_LIST.remove(i);   // 400 left
        }
        for (int i = 0; i < 10; i++) {
            Holder.SYNC_MAP.put("y" + i, i);
        }
        Holder.CAFFEINE = Caffeine.newBuilder().maximumSize(CAFFEINE_MAXIMUM).executor(Runnable::run).build();
        Holder.CAFFEINE_UNBOUNDED = Caffeine.newBuilder().build();
        Holder.GUAVA = CacheBuilder.newBuilder().maximumSize(GUAVA_MAXIMUM).build();
        for (int i = 0; i < 1000; i++) {
            Holder.CAFFEINE.put(i, "c" + i);
            Holder.GUAVA.put(i, "g" + i);
        }
        Holder.CAFFEINE.cleanUp();
        for (int i = 0; i < 7; i++) {
            Holder.CAFFEINE_UNBOUNDED.put(i, "x" + i);
        }
        for (int i = 0; i < CORRUPT_SIZE; i++) {
            Holder.CORRUPT_LINKS.put(i, "c" + i);
            Holder.CYCLIC_CHAIN.put(i, "y" + i);
        }
    }

    private static void addStrings(Collection<String> c, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            c.add(prefix + i);
        }
    }

    /**
     * The fourth entry of CORRUPT_LINKS drops out of the linked list (its neighbours link past it, as a racy
     * access-order get can leave them), and one node of CYCLIC_CHAIN points to itself.
     */
    private static void corrupt() throws ReflectiveOperationException {
        Class<?> entry = Class.forName("java.util.LinkedHashMap$Entry");
        Field after = field(entry, "after");
        Object e = field(LinkedHashMap.class, "head").get(Holder.CORRUPT_LINKS);
        for (int i = 0; i < 2; i++) {
            e = after.get(e);
        }
        Object skipped = after.get(e);
        after.set(e, after.get(skipped));
        // 'before' of the entry after the gap still points at the skipped one
        Class<?> node = Class.forName("java.util.HashMap$Node");
        Object[] table = (Object[]) field(HashMap.class, "table").get(Holder.CYCLIC_CHAIN);
        for (Object n : table) {
            if (n != null) {
                field(node, "next").set(n, n);
                break;
            }
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
