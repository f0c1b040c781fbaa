package io.leakhound.analysis.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.HeapIndexBuilder;
import io.leakhound.heap.index.HeapIndexOptions;
import io.leakhound.heap.testing.ChildJvm;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checks on a real dump of {@link CollectionsHeap}: every collection is found by its static field and must
 * report its exact size, count, kind, recognized class, eviction and the classes of its keys and values.
 * Subclasses choose the JVM that runs the scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CollectionScenarioChecks {
    private static final String P = CollectionsHeap.class.getName();
    private static final String HOLDER = P + "$Holder";

    private Path dir;
    private HeapIndex index;
    private CollectionInspectors inspectors;
    private Properties sizes;

    /** The JDK to run the scenario with. */
    abstract Path javaHome();

    /** Extra JVM options for the scenario. */
    abstract List<String> jvmOptions();

    @BeforeAll
    void dump() throws Exception {
        dir = Files.createTempDirectory("collections");
        Path dump = dir.resolve("collections.hprof");
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "--add-opens", "java.base/java.util=ALL-UNNAMED"));
        options.addAll(jvmOptions());
        ChildJvm.run(javaHome(), CollectionsHeap.class, options, 180, dump.toString(),
                dir.resolve("sizes.properties").toString());
        sizes = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("sizes.properties"))) {
            sizes.load(r);
        }
        index = HeapIndexBuilder.build(dump, new HeapIndexOptions(dir, io.leakhound.heap.index.ProgressListener.NONE));
        inspectors = new CollectionInspectors(index);
    }

    @AfterAll
    void close() throws Exception {
        if (index != null) {
            index.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long staticNode(String field) {
        ClassInfo c = index.classes().byName(HOLDER);
        String[] names = c.staticNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(field)) {
                return index.nodeOf(c.staticValues()[i]);
            }
        }
        throw new AssertionError("no static " + field);
    }

    private CollectionInfo inspect(String field) {
        CollectionInfo info = inspectors.inspect(staticNode(field));
        assertThat(info).as(field).isNotNull();
        return info;
    }

    /** Walks everything: counts of key classes and value classes ("null" for none). */
    private Contents contents(CollectionInfo info) {
        Map<String, Long> keys = new TreeMap<>();
        Map<String, Long> values = new TreeMap<>();
        Walk walk = info.forEach(Long.MAX_VALUE, (k, v) -> {
            keys.merge(k < 0 ? "null" : index.classOf(k).name(), 1L, Long::sum);
            values.merge(v < 0 ? "null" : index.classOf(v).name(), 1L, Long::sum);
            return true;
        });
        return new Contents(walk, keys, values);
    }

    private record Contents(Walk walk, Map<String, Long> keys, Map<String, Long> values) {
    }

    /** Exact size, a complete walk of exactly that many elements, the key and value classes. */
    private CollectionInfo check(String field, CollectionKind kind, String recognized, long size, String keyClass,
                                 String valueClass) {
        CollectionInfo info = inspect(field);
        assertThat(info.kind()).as(field).isEqualTo(kind);
        assertThat(info.recognizedClass()).as(field).isEqualTo(recognized);
        assertThat(info.size()).as(field + " size").isEqualTo(size);
        Contents c = contents(info);
        assertThat(c.walk()).as(field + " walk").isEqualTo(new Walk(size, Walk.End.COMPLETE));
        if (size > 0) {
            assertThat(c.keys()).as(field + " keys").isEqualTo(Map.of(keyClass, size));
            assertThat(c.values()).as(field + " values").isEqualTo(Map.of(valueClass == null ? "null" : valueClass, size));
        }
        return info;
    }

    @Test
    void hashMaps() {
        CollectionInfo m = check("HASH_MAP", CollectionKind.MAP, "java.util.HashMap", 1000, "java.lang.String",
                "java.lang.Integer");
        assertThat(m.capacity()).isEqualTo(2048);
        assertThat(m.fillRatio()).isEqualTo(1000 / 2048.0);
        assertThat(m.backingArrays()).hasSize(1);
        assertThat(index.classOf(m.backingArrays()[0]).name()).isEqualTo("java.util.HashMap$Node[]");
        assertThat(m.eviction()).isEqualTo(Eviction.NONE);
        assertThat(m.subclassed()).isFalse();

        CollectionInfo empty = check("EMPTY_HASH_MAP", CollectionKind.MAP, "java.util.HashMap", 0, null, null);
        assertThat(empty.capacity()).isZero();
        assertThat(empty.backingArrays()).isEmpty();

        CollectionInfo user = check("USER_MAP", CollectionKind.MAP, "java.util.HashMap", 50, "java.lang.Long",
                "java.lang.String");
        assertThat(user.className()).isEqualTo(P + "$UserMap");
        assertThat(user.subclassed()).isTrue();
        assertThat(user.eviction()).isEqualTo(Eviction.NONE);

        CollectionInfo tree = check("TREEIFIED", CollectionKind.MAP, "java.util.HashMap", CollectionsHeap.COLLIDING,
                P + "$CollidingKey", "java.lang.Integer");
        assertThat(arrayHolds(tree.backingArrays()[0], "java.util.HashMap$TreeNode")).isTrue();

        check("HASHTABLE", CollectionKind.MAP, "java.util.Hashtable", 77, "java.lang.String", "java.lang.String");
        CollectionInfo props = inspect("PROPERTIES");
        assertThat(props.recognizedClass()).isEqualTo("java.util.Properties");
        assertThat(props.size()).isEqualTo(5);
        assertThat(contents(props).keys()).isEqualTo(Map.of("java.lang.String", 5L));

        CollectionInfo identity = check("IDENTITY_MAP", CollectionKind.MAP, "java.util.IdentityHashMap", 33,
                "java.lang.Object", "java.lang.Integer");
        assertThat(identity.capacity()).isEqualTo(64);

        CollectionInfo sync = check("SYNC_MAP", CollectionKind.MAP, "java.util.HashMap", 10, "java.lang.String",
                "java.lang.Integer");
        assertThat(sync.wrappers()).containsExactly("java.util.Collections$SynchronizedMap");
        assertThat(sync.backingNode()).isNotEqualTo(sync.node());
        assertThat(index.classOf(sync.backingNode()).name()).isEqualTo("java.util.HashMap");
    }

    private boolean arrayHolds(long array, String className) {
        ObjectReaderElements elements = new ObjectReaderElements(array);
        return elements.anyOf(className);
    }

    /** Scans an object array for an element of a class. */
    private final class ObjectReaderElements {
        private final long array;

        ObjectReaderElements(long array) {
            this.array = array;
        }

        boolean anyOf(String className) {
            HeapFields f = inspectors.fields();
            for (int i = 0; i < f.arrayLength(array); i++) {
                long e = f.element(array, i);
                if (e >= 0 && index.classOf(e).name().equals(className)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void linkedHashMaps() {
        CollectionInfo plain = check("LINKED_HASH_MAP", CollectionKind.MAP, "java.util.LinkedHashMap", 300,
                "java.lang.Integer", "java.lang.String");
        assertThat(plain.accessOrder()).isFalse();
        assertThat(plain.eviction()).isEqualTo(Eviction.NONE);
        assertThat(plain.evictionReason()).isNull();

        CollectionInfo access = check("ACCESS_ORDER", CollectionKind.MAP, "java.util.LinkedHashMap", 200,
                "java.lang.Integer", "java.lang.String");
        assertThat(access.accessOrder()).isTrue();
        assertThat(access.eviction()).isEqualTo(Eviction.NONE);
        assertThat(access.evictionReason()).contains("access-order");

        CollectionInfo lru = check("LRU", CollectionKind.MAP, "java.util.LinkedHashMap", CollectionsHeap.LRU_MAXIMUM,
                "java.lang.Integer", "java.lang.Integer");
        assertThat(lru.accessOrder()).isTrue();
        assertThat(lru.eviction()).isEqualTo(Eviction.POSSIBLY_BOUNDED);
        assertThat(lru.evictionReason()).contains(P + "$BoundedLru").contains("removeEldestEntry");

        for (String sound : List.of("LINKED_HASH_MAP", "ACCESS_ORDER", "LRU")) {
            LinkedHashMapLinks links = inspectors.linkedHashMapLinks(staticNode(sound));
            LinkedHashMapLinks.Consistency c = links.check();
            assertThat(c.problems()).as(sound).isEmpty();
            assertThat(links.linkedListLength(Long.MAX_VALUE)).isEqualTo(links.size());
            assertThat(links.linkedListLength(7)).isEqualTo(7);
            assertThat(links.tableEntryCount()).isEqualTo(links.size());
        }
        assertThat(inspectors.linkedHashMapLinks(staticNode("HASH_MAP"))).isNull();
    }

    @Test
    void corruptLinkedHashMapIsReported() {
        LinkedHashMapLinks links = inspectors.linkedHashMapLinks(staticNode("CORRUPT_LINKS"));
        int n = CollectionsHeap.CORRUPT_SIZE;
        assertThat(links.linkedListLength(Long.MAX_VALUE)).isEqualTo(n - 1);
        assertThat(links.tableEntryCount()).isEqualTo(n);
        LinkedHashMapLinks.Consistency c = links.check();
        assertThat(c).isEqualTo(new LinkedHashMapLinks.Consistency(n, n - 1, false, true, 1, n, false, 1, 0));
        assertThat(c.consistent()).isFalse();
        assertThat(c.problems()).containsExactly("linked list has 9 entries, size is 10",
                "1 table entries are not reachable through the linked list",
                "1 entries have a 'before' link that does not point back");
        // the table walk still sees every entry
        assertThat(inspect("CORRUPT_LINKS").countElements()).isEqualTo(new Walk(n, Walk.End.COMPLETE));
    }

    @Test
    void loopingBucketChainEndsTheWalk() {
        CollectionInfo cyclic = inspect("CYCLIC_CHAIN");
        assertThat(cyclic.size()).isEqualTo(CollectionsHeap.CORRUPT_SIZE);
        Walk walk = cyclic.countElements();
        assertThat(walk.end()).isEqualTo(Walk.End.CYCLE);
        assertThat(walk.visited()).isLessThan(2L * CollectionsHeap.CORRUPT_SIZE);
    }

    @Test
    void concurrentHashMaps() {
        CollectionInfo chm = check("CHM", CollectionKind.MAP, "java.util.concurrent.ConcurrentHashMap",
                CollectionsHeap.CHM_SIZE, "java.lang.Integer", "java.lang.Long");
        assertThat(chm.sizeCounted()).isFalse();
        // a power of two; which one depends on timing: under contention ConcurrentHashMap may skip the resize
        // check on an add, and a dump taken mid-resize still shows the old table
        assertThat(Long.bitCount(chm.capacity())).isEqualTo(1);
        assertThat(chm.capacity()).isBetween(CollectionsHeap.CHM_SIZE / 2L, 4L * CollectionsHeap.CHM_SIZE);
        CollectionInfo tree = check("CHM_TREEIFIED", CollectionKind.MAP, "java.util.concurrent.ConcurrentHashMap",
                CollectionsHeap.COLLIDING, P + "$CollidingKey", "java.lang.Integer");
        assertThat(arrayHolds(tree.backingArrays()[0], "java.util.concurrent.ConcurrentHashMap$TreeBin")).isTrue();
        CollectionInfo keys = check("CHM_KEY_SET", CollectionKind.SET,
                "java.util.concurrent.ConcurrentHashMap$KeySetView", 9, "java.lang.Integer", null);
        assertThat(index.classOf(keys.backingNode()).name()).isEqualTo("java.util.concurrent.ConcurrentHashMap");
    }

    @Test
    void walksStopAtTheLimit() {
        CollectionInfo chm = inspect("CHM");
        long[] seen = {0};
        assertThat(chm.forEach(1000, (k, v) -> ++seen[0] > 0)).isEqualTo(new Walk(1000, Walk.End.STOPPED));
        assertThat(seen[0]).isEqualTo(1000);
        assertThat(chm.forEach(Long.MAX_VALUE, (k, v) -> ++seen[0] < 1500)).isEqualTo(new Walk(500, Walk.End.STOPPED));
        assertThat(inspect("TREE_MAP").forEach(3, (k, v) -> true)).isEqualTo(new Walk(3, Walk.End.STOPPED));
        assertThat(inspect("ARRAY_LIST").forEach(0, (k, v) -> true)).isEqualTo(new Walk(0, Walk.End.STOPPED));
        assertThat(inspect("LINKED_LIST").forEach(250, (k, v) -> true)).isEqualTo(new Walk(250, Walk.End.COMPLETE));
    }

    @Test
    void sortedAndWeakMaps() {
        check("TREE_MAP", CollectionKind.MAP, "java.util.TreeMap", CollectionsHeap.TREE_MAP_SIZE, "java.lang.Integer",
                "java.lang.String");
        check("EMPTY_TREE_MAP", CollectionKind.MAP, "java.util.TreeMap", 0, null, null);
        check("SKIP_LIST", CollectionKind.MAP, "java.util.concurrent.ConcurrentSkipListMap", 400, "java.lang.Integer",
                "java.lang.String");
        CollectionInfo weak = check("WEAK_HASH_MAP", CollectionKind.MAP, "java.util.WeakHashMap", 20, P + "$WeakKey",
                "java.lang.String");
        assertThat(weak.eviction()).isEqualTo(Eviction.WEAK_KEYS);
        // TreeMap walks in key order
        List<Long> firstKeys = new ArrayList<>();
        ObjectReaderInts ints = new ObjectReaderInts();
        inspect("TREE_MAP").forEach(5, (k, v) -> firstKeys.add(ints.value(k)));
        assertThat(firstKeys).containsExactly(0L, 7L, 14L, 21L, 28L);
    }

    /** Reads {@code Integer.value}. */
    private final class ObjectReaderInts {
        long value(long integer) {
            return inspectors.fields().primitive(integer, "value", Long.MIN_VALUE);
        }
    }

    @Test
    void sets() {
        CollectionInfo hashSet = check("HASH_SET", CollectionKind.SET, "java.util.HashSet", 123, "java.lang.String",
                null);
        assertThat(hashSet.capacity()).isEqualTo(256);
        assertThat(index.classOf(hashSet.backingNode()).name()).isEqualTo("java.util.HashMap");
        CollectionInfo linked = check("LINKED_HASH_SET", CollectionKind.SET, "java.util.HashSet", 45,
                "java.lang.String", null);
        assertThat(linked.className()).isEqualTo("java.util.LinkedHashSet");
        check("TREE_SET", CollectionKind.SET, "java.util.TreeSet", 66, "java.lang.Integer", null);
        check("SET_OF", CollectionKind.SET, "java.util.ImmutableCollections$SetN", 7, "java.lang.String", null);
    }

    @Test
    void lists() {
        CollectionInfo list = check("ARRAY_LIST", CollectionKind.LIST, "java.util.ArrayList", 1000,
                "java.lang.Integer", null);
        assertThat(list.capacity()).isGreaterThanOrEqualTo(1000);
        check("EMPTY_ARRAY_LIST", CollectionKind.LIST, "java.util.ArrayList", 0, null, null);
        check("LINKED_LIST", CollectionKind.LIST, "java.util.LinkedList", 250, "java.lang.String", null);
        check("VECTOR", CollectionKind.LIST, "java.util.Vector", 40, "java.lang.String", null);
        check("COW_LIST", CollectionKind.LIST, "java.util.concurrent.CopyOnWriteArrayList", 12, "java.lang.String",
                null);
        CollectionInfo unmodifiable = check("UNMODIFIABLE_LIST", CollectionKind.LIST, "java.util.ArrayList", 8,
                "java.lang.String", null);
        assertThat(unmodifiable.wrappers()).containsExactly("java.util.Collections$UnmodifiableRandomAccessList");
        check("LIST_OF", CollectionKind.LIST, "java.util.ImmutableCollections$ListN", 5, "java.lang.String", null);
        check("MAP_OF", CollectionKind.MAP, "java.util.ImmutableCollections$MapN", 6, "java.lang.String",
                "java.lang.Integer");
    }

    @Test
    void queues() {
        CollectionInfo deque = check("ARRAY_DEQUE", CollectionKind.QUEUE, "java.util.ArrayDeque", 25, "java.lang.Long",
                null);
        List<Long> order = new ArrayList<>();
        deque.forEach(Long.MAX_VALUE, (k, v) -> order.add(inspectors.fields().primitive(k, "value", -1)));
        assertThat(order.get(0)).isEqualTo(10L);
        assertThat(order.get(24)).isEqualTo(114L);
        check("PRIORITY_QUEUE", CollectionKind.QUEUE, "java.util.PriorityQueue", 90, "java.lang.Integer", null);
        CollectionInfo clq = check("CLQ", CollectionKind.QUEUE, "java.util.concurrent.ConcurrentLinkedQueue", 65,
                "java.lang.String", null);
        assertThat(clq.sizeCounted()).isTrue();
        CollectionInfo bounded = check("LBQ_BOUNDED", CollectionKind.QUEUE,
                "java.util.concurrent.LinkedBlockingQueue", 30, "java.lang.String", null);
        assertThat(bounded.eviction()).isEqualTo(Eviction.BOUNDED);
        assertThat(bounded.maximum()).isEqualTo(1000);
        CollectionInfo unbounded = check("LBQ", CollectionKind.QUEUE, "java.util.concurrent.LinkedBlockingQueue", 9,
                "java.lang.String", null);
        assertThat(unbounded.eviction()).isEqualTo(Eviction.NONE);
        CollectionInfo abq = check("ABQ", CollectionKind.QUEUE, "java.util.concurrent.ArrayBlockingQueue", 40,
                "java.lang.Integer", null);
        assertThat(abq.eviction()).isEqualTo(Eviction.BOUNDED);
        assertThat(abq.capacity()).isEqualTo(64);
        assertThat(abq.maximum()).isEqualTo(64);
    }

    @Test
    void caches() {
        long caffeineSize = Long.parseLong(sizes.getProperty("CAFFEINE"));
        assertThat(caffeineSize).isEqualTo(CollectionsHeap.CAFFEINE_MAXIMUM);
        CollectionInfo caffeine = check("CAFFEINE", CollectionKind.MAP,
                "com.github.benmanes.caffeine.cache.BoundedLocalCache", caffeineSize, "java.lang.Integer",
                "java.lang.String");
        assertThat(caffeine.eviction()).isEqualTo(Eviction.BOUNDED);
        assertThat(caffeine.maximum()).isEqualTo(CollectionsHeap.CAFFEINE_MAXIMUM);
        assertThat(caffeine.wrappers()).containsExactly(
                "com.github.benmanes.caffeine.cache.BoundedLocalCache$BoundedLocalManualCache");
        assertThat(index.classOf(caffeine.backingNode()).name()).startsWith("com.github.benmanes.caffeine.cache.S");

        CollectionInfo unbounded = check("CAFFEINE_UNBOUNDED", CollectionKind.MAP,
                "com.github.benmanes.caffeine.cache.UnboundedLocalCache", 7, "java.lang.Integer", "java.lang.String");
        assertThat(unbounded.eviction()).isEqualTo(Eviction.NONE);

        long guavaSize = Long.parseLong(sizes.getProperty("GUAVA"));
        assertThat(guavaSize).isBetween(1L, (long) CollectionsHeap.GUAVA_MAXIMUM);
        CollectionInfo guava = check("GUAVA", CollectionKind.MAP, "com.google.common.cache.LocalCache", guavaSize,
                "java.lang.Integer", "java.lang.String");
        assertThat(guava.eviction()).isEqualTo(Eviction.BOUNDED);
        assertThat(guava.maximum()).isEqualTo(CollectionsHeap.GUAVA_MAXIMUM);
        assertThat(guava.backingArrays()).hasSizeGreaterThan(1);
    }

    @Test
    void recognitionIsByClassAndNotEveryObjectIsACollection() {
        assertThat(inspectors.isCollection(staticNode("USER_MAP"))).isTrue();
        assertThat(inspectors.inspect(staticNode("WEAK_KEYS")).recognizedClass()).isEqualTo("java.util.ArrayList");
        long aKey = index.nodeOf(index.classes().byName(HOLDER).classId());
        assertThat(inspectors.inspect(aKey)).isNull();
        long[] string = {-1};
        inspect("HASH_SET").forEach(1, (k, v) -> {
            string[0] = k;
            return true;
        });
        assertThat(inspectors.isCollection(string[0])).isFalse();
        assertThat(inspectors.inspect(string[0])).isNull();
        assertThat(inspectors.recognizedClass(index.classes().byName(P + "$BoundedLru").number()))
                .isEqualTo("java.util.LinkedHashMap");
    }
}
