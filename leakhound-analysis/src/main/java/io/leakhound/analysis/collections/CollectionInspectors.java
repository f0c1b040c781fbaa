package io.leakhound.analysis.collections;

import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.ClassTable;
import io.leakhound.heap.index.HeapIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognizes collections in a dump and inspects them: given a node, finds the inspector for its class or the
 * nearest super class that one understands, and returns a {@link CollectionInfo}. Recognition is cached per
 * class, so testing every object of a heap costs one array read each. Safe for use from several threads.
 */
public final class CollectionInspectors {
    private static final int MAX_NESTING = 8;
    private static final Object UNRESOLVED = new Object();

    private final HeapIndex index;
    private final HeapFields fields;
    private final Map<String, CollectionInspector> byName = new HashMap<>();
    /** Per class number: the inspector and matched name, null for "not a collection", UNRESOLVED before lookup. */
    private final Object[] resolved;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> classNumbers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The registry with every built-in inspector. */
    public CollectionInspectors(HeapIndex index) {
        this(index, builtIn());
    }

    /** A registry with the given inspectors; for the same class name the first one wins. */
    public CollectionInspectors(HeapIndex index, List<CollectionInspector> inspectors) {
        this.index = index;
        this.fields = new HeapFields(index);
        for (CollectionInspector inspector : inspectors) {
            for (String name : inspector.classNames()) {
                byName.putIfAbsent(name, inspector);
            }
        }
        this.resolved = new Object[index.classes().size()];
        java.util.Arrays.fill(resolved, UNRESOLVED);
    }

    /** The built-in inspectors: JDK collections of JDK 8 to 25, Caffeine and Guava caches. */
    public static List<CollectionInspector> builtIn() {
        return List.of(new HashMapInspector(), new ConcurrentHashMapInspector(), new HashtableInspector(),
                new WeakHashMapInspector(), new FlatTableMapInspector(), new TreeMapInspector(),
                new SkipListMapInspector(), new MapBackedSetInspector(), new ArrayListInspector(),
                new CircularArrayInspector(), new LinkedNodesInspector(), new WrapperInspector(),
                new CaffeineInspector(), new GuavaCacheInspector());
    }

    public HeapIndex index() {
        return index;
    }

    public HeapFields fields() {
        return fields;
    }

    /**
     * The recognized collection class for objects of class {@code classNumber} (itself or its nearest
     * recognized super class), or null when they are not collections this registry understands.
     */
    public String recognizedClass(int classNumber) {
        Match m = match(classNumber);
        return m == null ? null : m.name;
    }

    /** Whether the node is a collection this registry understands (by its class alone; cheap). */
    public boolean isCollection(long node) {
        return node >= index.classObjectCount() && match(index.classNumberOf(node)) != null;
    }

    /**
     * Inspects a node: null when it is not a recognized collection (or a class object, or its fields do not
     * have the expected layout).
     */
    public CollectionInfo inspect(long node) {
        if (node < index.classObjectCount() || node >= index.objectCount()) {
            return null;
        }
        Match m = match(index.classNumberOf(node));
        if (m == null) {
            return null;
        }
        int[] d = depth.get();
        if (d[0] >= MAX_NESTING) {
            return null;
        }
        d[0]++;
        try {
            return m.inspector.inspect(this, node, m.name);
        } finally {
            d[0]--;
        }
    }

    /** The linked-list view of a {@code LinkedHashMap} (or subclass), for consistency checks; null otherwise. */
    public LinkedHashMapLinks linkedHashMapLinks(long node) {
        if (node < index.classObjectCount()
                || !index.classes().isSubclassOf(index.classOf(node), "java.util.LinkedHashMap")) {
            return null;
        }
        return new LinkedHashMapLinks(fields, node);
    }

    /** Number of the (first) class of this name, -1 when the dump has none; memoized. */
    int classNumber(String name) {
        return classNumbers.computeIfAbsent(name, n -> {
            ClassInfo c = index.classes().byName(n);
            return c == null ? -1 : c.number();
        });
    }

    private Match match(int classNumber) {
        Object r = resolved[classNumber];
        if (r == UNRESOLVED) {
            r = lookUp(classNumber);
            resolved[classNumber] = r;
        }
        return (Match) r;
    }

    private Match lookUp(int classNumber) {
        ClassTable classes = index.classes();
        int guard = 0;
        for (ClassInfo c = classes.get(classNumber); c != null && guard++ < 1000;
             c = c.superNumber() >= 0 ? classes.get(c.superNumber()) : null) {
            CollectionInspector inspector = byName.get(c.name());
            if (inspector != null) {
                return c.isArray() ? null : new Match(inspector, c.name());
            }
        }
        return null;
    }

    private record Match(CollectionInspector inspector, String name) {
    }
}
