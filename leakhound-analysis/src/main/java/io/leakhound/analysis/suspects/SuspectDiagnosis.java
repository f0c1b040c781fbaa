package io.leakhound.analysis.suspects;

import io.leakhound.analysis.AnalyzedHeap;
import io.leakhound.analysis.Units;
import io.leakhound.analysis.collections.CollectionInfo;
import io.leakhound.analysis.collections.CollectionInspectors;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.analysis.patterns.LeakPattern;
import io.leakhound.analysis.patterns.LeakPatterns;
import io.leakhound.analysis.patterns.PatternMatch;
import io.leakhound.analysis.patterns.SuspectEvidence;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.DominatorTreeOrder;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.ObjectReader;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the regions found by {@link SuspectSearch} into reported suspects: the holder and its GC-root path,
 * the accumulation point and what piles up there, the matching pattern, a one-line title and advice.
 * Paths come from the caller (one breadth-first search serves the whole report).
 */
public final class SuspectDiagnosis {
    /** Element classes listed per suspect. */
    static final int ELEMENT_CLASSES_SHOWN = 5;
    /** Suspects retain at least this much, whatever the share: in tiny heaps JDK internals pass any share. */
    static final long MIN_SUSPECT_BYTES = 1L << 20;
    /** Group suspects (many instances of one class) reported at most. */
    static final int MAX_GROUPS = 3;
    /** Levels climbed above a suspect region to find the class whose static field anchors it. */
    static final int MAX_CHAIN = 256;
    /** Advice when no known pattern matches. */
    static final String GENERIC_ADVICE = "Check why the holder keeps these objects: if they are no longer needed,"
            + " remove them when their work ends, or bound the structure (size limit, expiry, weak/soft values).";

    private final AnalyzedHeap heap;
    private final PathDescriber describer;
    private final ObjectReader reader;
    private final boolean showValues;
    private final List<LeakPattern> patterns;
    private final CollectionInspectors collections;

    public SuspectDiagnosis(AnalyzedHeap heap, PathDescriber describer, boolean showValues) {
        this(heap, describer, showValues, LeakPatterns.all());
    }

    SuspectDiagnosis(AnalyzedHeap heap, PathDescriber describer, boolean showValues, List<LeakPattern> patterns) {
        this.heap = heap;
        this.describer = describer;
        this.reader = new ObjectReader(heap.index());
        this.showValues = showValues;
        this.patterns = patterns;
        this.collections = new CollectionInspectors(heap.index());
    }

    /** A suspect region with the nodes the report needs paths to. */
    public record Located(SuspectSearch.Candidate candidate, long[] chain, long holder, long groupSize) {
        /** An object suspect: one holder. */
        public Located(SuspectSearch.Candidate candidate, long[] chain, long holder) {
            this(candidate, chain, holder, 0);
        }

        /** Whether this is a group of many instances of one class rather than one holder. */
        public boolean isGroup() {
            return groupSize > 0;
        }
    }

    /** Finds suspect regions retaining at least {@code thresholdShare} of the reachable heap, one per holder. */
    public List<Located> locate(double thresholdShare) {
        RetainedSizes sizes = heap.retained();
        long threshold = Math.max(MIN_SUSPECT_BYTES, (long) Math.ceil(thresholdShare * sizes.reachableBytes()));
        HeapIndex index = heap.index();
        DominatorTree tree = heap.tree();
        SuspectSearch search = new SuspectSearch(heap.order(),
                p -> index.classOf(tree.nodeInPreorder(p)).isArray(), c -> index.classes().get(c).name());
        java.util.Map<Long, Located> byHolder = new java.util.LinkedHashMap<>();
        for (SuspectSearch.Candidate c : search.find(threshold)) {
            long[] chain = chain(c);
            long holder = holderOf(chain);
            if (byHolder.containsKey(holder)) {
                continue;  // a smaller region under the same holder: the holder's suspect covers it
            }
            long retained = Math.max(c.retainedBytes(), contains(chain, holder) ? sizes.retained(holder) : 0);
            byHolder.put(holder, new Located(new SuspectSearch.Candidate(c.topPre(), c.accumulationPre(), retained),
                    chain, holder));
        }
        return new ArrayList<>(byHolder.values());
    }

    private static boolean contains(long[] chain, long node) {
        for (long n : chain) {
            if (n == node) {
                return true;
            }
        }
        return false;
    }

    /**
     * Nodes from the anchor of a region down to its accumulation point: the anchor is the nearest dominator
     * above the region that is a class object (whose static field a developer knows), else the region's
     * top-level ancestor, at most {@link #MAX_CHAIN} levels up.
     */
    private long[] chain(SuspectSearch.Candidate c) {
        DominatorTree tree = heap.tree();
        HeapIndex index = heap.index();
        LongArrayList up = new LongArrayList();
        boolean inRegion = true;
        for (long p = c.accumulationPre(); p != 0 && up.size() < MAX_CHAIN; p = tree.idomInPreorder(p)) {
            long node = tree.nodeInPreorder(p);
            up.add(node);
            boolean classObject = index.classForClassObject(node) != null;
            if (!inRegion && classObject) {
                break;
            }
            if (p == c.topPre()) {
                inRegion = false;
                if (classObject) {
                    break;
                }
            }
        }
        long[] chain = new long[up.size()];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = up.getLong(up.size() - 1 - i);
        }
        return chain;
    }

    /** The part of a chain below its last class object: what the program built, not its class loader. */
    private long[] belowAnchor(long[] chain) {
        int from = 0;
        for (int i = 0; i < chain.length - 1; i++) {
            if (heap.index().classForClassObject(chain[i]) != null) {
                from = i + 1;
            }
        }
        return java.util.Arrays.copyOfRange(chain, from, chain.length);
    }

    /**
     * The object a developer would call the holder of an accumulation point: the outermost collection on the
     * chain (a cache around its map, a map around its table), else, for an array held by an instance, that
     * instance; otherwise the point itself.
     */
    private long holderOf(long[] chain) {
        HeapIndex index = heap.index();
        int from = 0;
        for (int i = 0; i < chain.length; i++) {
            if (index.classForClassObject(chain[i]) != null) {
                from = i + 1;  // collections above a class object are the class loader's, not the program's
            }
        }
        for (int i = from; i < chain.length; i++) {
            if (collections.isCollection(chain[i])) {
                return chain[i];
            }
        }
        long acc = chain[chain.length - 1];
        if (chain.length >= 2 && index.classOf(acc).isArray()) {
            long owner = chain[chain.length - 2];
            if (index.classForClassObject(owner) == null && !index.classOf(owner).isArray()) {
                return owner;
            }
        }
        return acc;
    }

    /**
     * Classes whose instances outside the object suspects' regions together retain at least the threshold
     * (each alone retaining less): many small holders of one kind — a thousand threads each with a buffer,
     * sessions each holding a little. One sweep over the dominator tree's positions, skipping the regions,
     * and only when some class's retained size (from {@code perClassRetained}) passes the threshold at all.
     */
    public List<Located> groups(List<Located> located, long[] perClassRetained, double thresholdShare) {
        RetainedSizes sizes = heap.retained();
        long threshold = Math.max(MIN_SUSPECT_BYTES, (long) Math.ceil(thresholdShare * sizes.reachableBytes()));
        HeapIndex index = heap.index();
        int classCount = perClassRetained.length;
        boolean[] wanted = new boolean[classCount];
        boolean any = false;
        for (int c = 0; c < classCount; c++) {
            wanted[c] = perClassRetained[c] >= threshold && index.classes().get(c) != index.classes().javaLangClass();
            any |= wanted[c];
        }
        List<Located> out = new ArrayList<>();
        boolean[] accepted = new boolean[classCount];
        long[][] blocks = regionBlocks(located);
        for (int round = 0; any && round < MAX_GROUPS; round++) {
            GroupSweep sweep = sweep(blocks, wanted, accepted, threshold);
            int best = bestGroup(sweep, wanted, threshold);
            if (best < 0) {
                break;
            }
            long[] chain = dominantChain(sweep.largest[best]);
            out.add(new Located(new SuspectSearch.Candidate(sweep.largest[best], sweep.largest[best],
                    sweep.retained[best]), chain, chain[0], sweep.count[best]));
            accepted[best] = true;  // its instances are one suspect now: later groups look outside them
            wanted[best] = false;
        }
        return out;
    }

    /** The wanted class whose outermost instances retain the most, if at least the threshold; else -1. */
    private static int bestGroup(GroupSweep sweep, boolean[] wanted, long threshold) {
        int best = -1;
        for (int c = 0; c < wanted.length; c++) {
            if (wanted[c] && sweep.count[c] >= 2 && sweep.retained[c] >= threshold
                    && (best < 0 || sweep.retained[c] > sweep.retained[best])) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Per wanted class: its instances outside the suspects' blocks that no instance of any wanted class
     * contains (the outermost holders: threads, not the buffers they hold), and outside accepted groups.
     */
    private record GroupSweep(long[] retained, long[] count, long[] largest) {
    }

    private GroupSweep sweep(long[][] blocks, boolean[] wanted, boolean[] accepted, long threshold) {
        DominatorTreeOrder order = heap.order();
        RetainedSizes sizes = heap.retained();
        int classCount = wanted.length;
        GroupSweep g = new GroupSweep(new long[classCount], new long[classCount], new long[classCount]);
        long claimedUntil = 0;  // inside a counted instance: nested candidates are its contents, not holders
        int b = 0;
        for (long position = 1; position < order.size(); position++) {
            while (b < blocks.length && blocks[b][1] <= position) {
                b++;
            }
            if (b < blocks.length && position >= blocks[b][0]) {
                position = blocks[b][1] - 1;  // skip a suspect's region
                continue;
            }
            long p = order.preorderAt(position);
            int c = sizes.classInPreorder(p);
            if (accepted[c]) {
                position = order.endAt(position) - 1;  // inside an earlier group's instance
                continue;
            }
            if (!wanted[c] || position < claimedUntil) {
                continue;
            }
            long r = sizes.retainedInPreorder(p);
            if (r >= threshold || b < blocks.length && blocks[b][0] < order.endAt(position)) {
                continue;  // big alone, or holding a suspect's region: not one of many small holders
            }
            claimedUntil = order.endAt(position);
            g.retained[c] += r;
            g.count[c]++;
            if (g.largest[c] == 0 || r > sizes.retainedInPreorder(g.largest[c])) {
                g.largest[c] = p;
            }
        }
        return g;
    }

    /** Position blocks [start, end) of the regions' holders (or tops), sorted and without nesting. */
    private long[][] regionBlocks(List<Located> located) {
        DominatorTreeOrder order = heap.order();
        DominatorTree tree = heap.tree();
        List<long[]> blocks = new ArrayList<>();
        for (Located l : located) {
            long p = contains(l.chain(), l.holder()) ? tree.preorderOf(l.holder()) : l.candidate().topPre();
            blocks.add(new long[] {order.positionOf(p), order.endOf(p)});
        }
        blocks.sort(Comparator.comparingLong(x -> x[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] x : blocks) {
            if (!merged.isEmpty() && x[0] < merged.get(merged.size() - 1)[1]) {
                continue;  // nested in the previous block
            }
            merged.add(x);
        }
        return merged.toArray(new long[0][]);
    }

    /** From a node down the dominator tree while one child keeps most of its parent: where its memory sits. */
    private long[] dominantChain(long pre) {
        DominatorTreeOrder order = heap.order();
        RetainedSizes sizes = heap.retained();
        LongArrayList chain = new LongArrayList();
        long p = pre;
        while (chain.size() < MAX_CHAIN) {
            chain.add(heap.tree().nodeInPreorder(p));
            long[] best = {-1};
            long parent = p;
            order.forEachChild(p, q -> {
                if (best[0] < 0 || sizes.retainedInPreorder(q) > sizes.retainedInPreorder(best[0])) {
                    best[0] = q;
                }
            });
            if (best[0] < 0 || sizes.retainedInPreorder(best[0]) < SuspectSearch.DOMINANT_CHILD_SHARE
                    * sizes.retainedInPreorder(parent)) {
                break;
            }
            p = best[0];
        }
        return chain.toLongArray();
    }

    /**
     * Builds the reported suspects, ranked by retained size; {@code pathTo} gives the node path from a GC root
     * to a node (root first).
     */
    public List<Suspect> describe(List<Located> located, Function<Long, long[]> pathTo) {
        List<Suspect> out = new ArrayList<>();
        long reachable = heap.retained().reachableBytes();
        for (Located l : located) {
            out.add(describe(l, pathTo.apply(l.holder()), reachable));
        }
        out.sort(Comparator.comparingLong(Suspect::retainedBytes).reversed());
        List<Suspect> ranked = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Suspect s = out.get(i);
            ranked.add(new Suspect(i + 1, s.title(), s.pattern(), s.retainedBytes(), s.heapShare(), s.path(),
                    s.accumulation(), s.advice()));
        }
        return ranked;
    }

    private Suspect describe(Located l, long[] nodePath, long reachable) {
        HeapIndex index = heap.index();
        long acc = l.chain()[l.chain().length - 1];
        List<PathStep> path = describer.describe(nodePath);
        long[] elementCount = new long[1];
        List<Suspect.ElementClass> contents = contents(acc, elementCount);
        CollectionInfo collection = collections.inspect(l.holder());
        if (collection != null && collection.size() >= 0) {
            elementCount[0] = collection.size();
        }
        SuspectEvidence evidence = new SuspectEvidence(heap, reader, collections, collection, belowAnchor(l.chain()),
                l.holder(),
                path, contents, elementCount[0], showValues);
        Optional<PatternMatch> match = Optional.empty();
        for (LeakPattern p : patterns) {
            match = p.match(evidence);
            if (match.isPresent()) {
                break;
            }
        }
        long retained = l.candidate().retainedBytes();
        double share = reachable == 0 ? 0 : (double) retained / reachable;
        String holderName = HolderNames.of(path);
        String finding = match.map(PatternMatch::finding).orElse(null);
        String title = l.isGroup()
                ? groupTitle(l, describer.className(l.holder()), retained, share, holderName, finding)
                : title(holderName, describer.className(l.holder()), retained, share, elementCount[0], contents,
                        finding);
        Suspect.Accumulation accumulation = new Suspect.Accumulation(PathDescriber.hex(index.idOf(acc)),
                describer.className(acc), elementCount[0],
                contents.subList(0, Math.min(ELEMENT_CLASSES_SHOWN, contents.size())));
        return new Suspect(0, title, match.map(PatternMatch::pattern).orElse(null), retained, share, path,
                accumulation, match.map(PatternMatch::advice).orElse(GENERIC_ADVICE));
    }

    /**
     * What sits inside an accumulation point: per class, the topmost instances in its dominator subtree and
     * what they retain, largest first; {@code elements[0]} gets the number of direct children.
     */
    private List<Suspect.ElementClass> contents(long acc, long[] elements) {
        HeapIndex index = heap.index();
        DominatorTreeOrder order = heap.order();
        long p = heap.tree().preorderOf(acc);
        int classCount = index.classes().size();
        long[] instances = new long[classCount];
        long[] bytes = order.perClass(classCount, order.positionOf(p) + 1, order.endOf(p), instances);
        long children = 0;
        for (long q = order.positionOf(p) + 1, end = order.endOf(p); q < end; q = order.endAt(q)) {
            children++;
        }
        elements[0] = children;
        List<Suspect.ElementClass> out = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            if (instances[c] > 0) {
                ClassInfo info = index.classes().get(c);
                out.add(new Suspect.ElementClass(info.name(), instances[c], bytes[c]));
            }
        }
        out.sort(Comparator.comparingLong(Suspect.ElementClass::retainedBytes).reversed()
                .thenComparing(Suspect.ElementClass::className));
        return out;
    }

    private String groupTitle(Located l, String className, long retained, double share, String largestName,
                              String finding) {
        String t = Units.count(l.groupSize()) + " × " + className + " together retain " + Units.bytes(retained)
                + " (" + Units.percent(share) + " of the heap); the largest, " + largestName + ", retains "
                + Units.bytes(heap.retained().retained(l.holder()));
        return finding == null ? t : t + ": " + finding;
    }

    static String title(String holderName, String holderClass, long retained, double share, long elements,
                        List<Suspect.ElementClass> contents, String finding) {
        StringBuilder t = new StringBuilder();
        t.append(holderName);
        if (!holderName.endsWith(HolderNames.simpleName(holderClass))) {
            t.append(" (").append(holderClass).append(')');
        }
        t.append(" retains ").append(Units.bytes(retained)).append(" (").append(Units.percent(share))
                .append(" of the heap)");
        Suspect.ElementClass main = mainElementClass(contents);
        if (elements > 1 && main != null) {
            t.append(" in ").append(Units.count(elements)).append(" elements, mostly ")
                    .append(Units.count(main.instances())).append(" × ").append(HolderNames.simpleName(main.className()));
        }
        if (finding != null) {
            t.append(": ").append(finding);
        }
        return t.toString();
    }

    /** The element class to name in a title: the biggest that is not a collection's own entry class. */
    private static Suspect.ElementClass mainElementClass(List<Suspect.ElementClass> contents) {
        for (Suspect.ElementClass e : contents) {
            if (!isEntryClass(e.className())) {
                return e;
            }
        }
        return contents.isEmpty() ? null : contents.get(0);
    }

    /** Internal node classes of collections ({@code HashMap$Node}, {@code ConcurrentHashMap$Node}, ...). */
    static boolean isEntryClass(String name) {
        return name.startsWith("java.util.") && (name.endsWith("$Node") || name.endsWith("$Entry")
                || name.endsWith("$TreeNode") || name.endsWith("$Node[]") || name.endsWith("$Entry[]"));
    }
}
