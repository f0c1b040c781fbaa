package io.leakhound.analysis.suspects;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.DominatorTreeOrder;
import io.leakhound.heap.graph.RetainedSizes;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where memory piles up, in the dominator tree: starting from the top-level objects that retain at
 * least the threshold, it descends while one child keeps most of its parent's retained size, and branches
 * when several children of different classes each pass the threshold (a class loader holding two leaking
 * statics is two suspects, not one; an array of several big elements of one class is one). It stops at the <em>accumulation point</em>: the object under which no single child
 * passes the threshold, typically the array or collection where many elements pile up, or one big object.
 *
 * <p>Works on DFS preorder numbers and reads only the retained sizes and the tree layout; cost is
 * proportional to the children of the nodes on the way down.
 */
public final class SuspectSearch {
    /** A child holding at least this share of its parent is the same suspect, one level further down. */
    static final double DOMINANT_CHILD_SHARE = 0.8;
    /**
     * An array whose big children hold less than this share of it is itself the accumulation point: the
     * mass is spread over its elements, and the big ones are just big elements.
     */
    static final double SPREAD_SHARE = 0.5;
    /** Suspects reported at most: beyond this, the threshold is too low to be useful. */
    static final int MAX_SUSPECTS = 20;

    /**
     * One suspect region: {@code topPre} is where it becomes one chain below a branching point (its retained
     * size is the suspect's), {@code accumulationPre} where the chain ends.
     */
    public record Candidate(long topPre, long accumulationPre, long retainedBytes) {
    }

    private final DominatorTree tree;
    private final RetainedSizes sizes;
    private final DominatorTreeOrder order;
    private final ArrayTest isArray;
    private final java.util.function.IntFunction<String> classNames;

    /** Tells whether the node with a given preorder number is an array (object or primitive). */
    @FunctionalInterface
    public interface ArrayTest {
        boolean isArray(long pre);
    }

    /**
     * @param isArray tells arrays apart
     * @param classNames name of a class number: elements of classes with the same name from different loaders
     *                   count as one class
     */
    public SuspectSearch(DominatorTreeOrder order, ArrayTest isArray, java.util.function.IntFunction<String> classNames) {
        this.order = order;
        this.classNames = classNames;
        this.sizes = order.sizes();
        this.tree = sizes.tree();
        this.isArray = isArray;
    }

    /** Suspect regions whose retained size is at least {@code threshold} bytes, largest first. */
    public List<Candidate> find(long threshold) {
        List<Candidate> out = new ArrayList<>();
        ArrayDeque<long[]> work = new ArrayDeque<>();  // {pre, topPre}
        for (long p : bigChildren(0, threshold).toLongArray()) {
            work.add(new long[] {p, p});
        }
        while (!work.isEmpty() && out.size() < MAX_SUSPECTS * 4) {
            long[] item = work.poll();
            long p = item[0];
            long top = item[1];
            long retained = sizes.retainedInPreorder(p);
            LongArrayList big = bigChildren(p, threshold);
            if (big.isEmpty()) {
                out.add(new Candidate(top, p, sizes.retainedInPreorder(top)));
                continue;
            }
            long biggest = sizes.retainedInPreorder(big.getLong(0));
            if (big.size() == 1 && biggest >= DOMINANT_CHILD_SHARE * retained) {
                work.addFirst(new long[] {big.getLong(0), top});
                continue;
            }
            long bigSum = 0;
            for (int i = 0; i < big.size(); i++) {
                bigSum += sizes.retainedInPreorder(big.getLong(i));
            }
            if (isArray.isArray(p) && (bigSum < SPREAD_SHARE * retained || sameClass(big))) {
                out.add(new Candidate(top, p, sizes.retainedInPreorder(top)));
                continue;
            }
            if (big.size() == 1) {
                // one child passes, but the rest of the parent is not negligible: the child is a region of its own
                work.addFirst(new long[] {big.getLong(0), big.getLong(0)});
                continue;
            }
            for (int i = big.size() - 1; i >= 0; i--) {
                work.addFirst(new long[] {big.getLong(i), big.getLong(i)});
            }
        }
        out.sort(Comparator.comparingLong(Candidate::retainedBytes).reversed());
        return out.size() > MAX_SUSPECTS ? out.subList(0, MAX_SUSPECTS) : out;
    }

    /** Whether the nodes are all of one class: several similar big elements make one accumulation, not many. */
    private boolean sameClass(LongArrayList nodes) {
        String c = classNames.apply(sizes.classInPreorder(nodes.getLong(0)));
        for (int i = 1; i < nodes.size(); i++) {
            if (!classNames.apply(sizes.classInPreorder(nodes.getLong(i))).equals(c)) {
                return false;
            }
        }
        return true;
    }

    /** Children of {@code p} (0: top level) retaining at least {@code threshold}, largest first. */
    private LongArrayList bigChildren(long p, long threshold) {
        LongArrayList big = new LongArrayList();
        order.forEachChild(p, q -> {
            if (sizes.retainedInPreorder(q) >= threshold) {
                big.add(q);
            }
        });
        big.sort((a, b) -> Long.compare(sizes.retainedInPreorder(b), sizes.retainedInPreorder(a)));
        return big;
    }

    DominatorTree tree() {
        return tree;
    }
}
