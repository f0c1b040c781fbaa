package io.leakhound.analysis.patterns;

import io.leakhound.analysis.AnalyzedHeap;
import io.leakhound.analysis.collections.CollectionInfo;
import io.leakhound.analysis.collections.CollectionInspectors;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.heap.graph.DominatorTreeOrder;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;

/**
 * What is known about one leak suspect, for the patterns to judge: the objects on its dominator chain (from
 * the top of the suspect region down to the accumulation point), the holder (the object that owns the
 * accumulation point, e.g. the map whose table it is), the strong path from a GC root to the holder, and the
 * classes that pile up. Patterns may read fields through {@link #reader()}; they must not put heap values
 * into their findings.
 */
public final class SuspectEvidence {
    private final AnalyzedHeap heap;
    private final ObjectReader reader;
    private final long[] chain;
    private final long holder;
    private final List<PathStep> path;
    private final List<Suspect.ElementClass> contents;
    private final long elements;
    private final boolean showValues;
    private final CollectionInspectors collections;
    private final CollectionInfo collection;

    public SuspectEvidence(AnalyzedHeap heap, ObjectReader reader, CollectionInspectors collections,
                           CollectionInfo collection, long[] chain, long holder, List<PathStep> path,
                           List<Suspect.ElementClass> contents, long elements, boolean showValues) {
        this.heap = heap;
        this.reader = reader;
        this.collections = collections;
        this.collection = collection;
        this.chain = chain;
        this.holder = holder;
        this.path = path;
        this.contents = contents;
        this.elements = elements;
        this.showValues = showValues;
    }

    public HeapIndex index() {
        return heap.index();
    }

    public AnalyzedHeap heap() {
        return heap;
    }

    public ObjectReader reader() {
        return reader;
    }

    /** The collection inspectors of this heap. */
    public CollectionInspectors collections() {
        return collections;
    }

    /** The holder as a collection (size, capacity, eviction), or null when it is not a recognized collection. */
    public CollectionInfo collection() {
        return collection;
    }

    /** Nodes from the top of the suspect region down to the accumulation point (last). */
    public long[] chain() {
        return chain.clone();
    }

    public long accumulation() {
        return chain[chain.length - 1];
    }

    /** The object owning the accumulation point (the collection whose array it is), or the point itself. */
    public long holder() {
        return holder;
    }

    /** Strong path from a GC root to the holder, root first. */
    public List<PathStep> path() {
        return path;
    }

    /** Classes inside the accumulation point, by retained size (topmost instances of each class). */
    public List<Suspect.ElementClass> contents() {
        return contents;
    }

    /** Direct elements of the accumulation point: the objects it immediately dominates. */
    public long elements() {
        return elements;
    }

    public boolean showValues() {
        return showValues;
    }

    /** Display class name of a node ({@code class Foo} for class objects). */
    public String className(long node) {
        ClassInfo forClass = index().classForClassObject(node);
        return forClass != null ? "class " + forClass.name() : index().classOf(node).name();
    }

    /** Whether the node's class is {@code className} or a subclass of it. */
    public boolean isInstanceOf(long node, String className) {
        HeapIndex index = index();
        return index.classForClassObject(node) == null
                && index.classes().isSubclassOf(index.classOf(node), className);
    }

    /** The first node on the chain that is an instance of {@code className} (or a subclass), or -1. */
    public long chainNodeOf(String className) {
        for (long node : chain) {
            if (isInstanceOf(node, className)) {
                return node;
            }
        }
        return isInstanceOf(holder, className) ? holder : -1;
    }

    /** Whether the path to the holder goes through a static field. */
    public boolean heldStatically() {
        return path.stream().anyMatch(s -> "static-field".equals(s.kind()));
    }

    /** Whether the path starts at a thread or one of its stack frames, or passes through a thread object. */
    public boolean heldByThread() {
        if (!path.isEmpty() && path.get(0).thread() != null) {
            return true;
        }
        for (PathStep s : path) {
            if ("threadLocals".equals(s.field()) || "inheritableThreadLocals".equals(s.field())) {
                return true;
            }
        }
        return false;
    }

    /** Count of topmost instances inside the accumulation point whose class name matches {@code test}. */
    public long countContents(java.util.function.Predicate<String> test) {
        return contents.stream().filter(e -> test.test(e.className())).mapToLong(Suspect.ElementClass::instances)
                .sum();
    }

    /** Up to {@code limit} direct elements of the accumulation point (nodes it immediately dominates). */
    public long[] sampleElements(int limit) {
        DominatorTreeOrder order = heap.order();
        long p = heap.tree().preorderOf(accumulation());
        LongArrayList out = new LongArrayList();
        long end = order.endOf(p);
        for (long q = order.positionOf(p) + 1; q < end && out.size() < limit; q = order.endAt(q)) {
            out.add(heap.tree().nodeInPreorder(order.preorderAt(q)));
        }
        return out.toLongArray();
    }
}
