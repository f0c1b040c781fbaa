package io.leakhound.analysis.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.AnalyzedHeap;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.DominatorRow;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.paths.PathDescriber;
import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.ShortestPaths;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.HeapIndex;
import io.leakhound.heap.index.HeapIndexBuilder;
import io.leakhound.heap.index.HeapIndexOptions;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.heap.index.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ground truth each scenario program promises, checked on its real dump with the heap engine alone (no
 * detector): the holder field exists and names the path, what it holds is where the memory is (at least 30% of
 * the reachable heap, under the top object of the dominator tree) for the leaks, and the healthy programs hold
 * nothing big besides what they mean to. The detectors of issue #3 will be measured against these dumps.
 */
class ScenarioProgramsTest {
    private static final String PKG = "io.leakhound.analysis.scenarios.";
    private static final double LEAK_SHARE = 0.30;

    // ---------------------------------------------------------------- leaks

    @Test
    void lruRaceCorruptsTheLinkedHashMapForReal() {
        try (Dumped d = Dumped.of(LruRace.class)) {
            long cache = d.staticTarget(PKG + "LruRace", "LOCAL_POINT_CACHE");
            assertThat(d.className(cache)).isEqualTo(PKG + "LruRace$1");
            assertThat(d.index.classes().isSubclassOf(d.index.classOf(cache), "java.util.LinkedHashMap")).isTrue();
            ObjectReader.Instance map = d.reader.instance(cache);
            assertThat(map.value("accessOrder")).isEqualTo(1);
            long size = map.value("size");
            assertThat(size).isGreaterThan(50L * LruRace.MAX_ENTRIES);
            assertThat(d.linkedListLength(cache, 2 * size + 10)).isNotEqualTo(size);
            assertThat(d.instancesOf(PKG + "LruRace$Point")).isGreaterThanOrEqualTo(size);
            d.assertLeakHeldBy(cache, PKG + "LruRace", "LOCAL_POINT_CACHE");
        }
    }

    @Test
    void unboundedCacheHoldsEveryProfile() {
        try (Dumped d = Dumped.of(UnboundedCache.class)) {
            long cache = d.staticTarget(PKG + "UnboundedCache", "USER_PROFILES");
            assertThat(d.className(cache)).isEqualTo("java.util.concurrent.ConcurrentHashMap");
            assertThat(d.instancesOf(PKG + "UnboundedCache$UserProfile")).isEqualTo(UnboundedCache.USERS);
            d.assertLeakHeldBy(cache, PKG + "UnboundedCache", "USER_PROFILES");
        }
    }

    @Test
    void perUserMetricsGrowInTheSingleton() {
        try (Dumped d = Dumped.of(PerUserMetrics.class)) {
            long registry = d.staticTarget(PKG + "PerUserMetrics$MetricsRegistry", "INSTANCE");
            long perUser = d.field(registry, "perUser");
            assertThat(d.className(perUser)).isEqualTo("java.util.HashMap");
            assertThat(d.reader.instance(perUser).value("size")).isEqualTo(PerUserMetrics.USERS);
            d.assertLeakHeldBy(perUser, PKG + "PerUserMetrics$MetricsRegistry", "INSTANCE");
            assertThat(d.pathTo(perUser).get(d.pathTo(perUser).size() - 1).field()).isEqualTo("perUser");
        }
    }

    @Test
    void requestContextsStayInTheGlobalList() {
        try (Dumped d = Dumped.of(RequestContexts.class)) {
            long list = d.staticTarget(PKG + "RequestContexts", "ACTIVE_REQUESTS");
            assertThat(d.className(list)).isEqualTo("java.util.concurrent.CopyOnWriteArrayList");
            assertThat(d.elementClasses(d.field(list, "array")))
                    .hasSize(RequestContexts.REQUESTS).containsOnly(PKG + "RequestContexts$RequestContext");
            d.assertLeakHeldBy(list, PKG + "RequestContexts", "ACTIVE_REQUESTS");
        }
    }

    @Test
    void listenersPileUpInTheEventBus() {
        try (Dumped d = Dumped.of(ListenerLeak.class)) {
            long bus = d.staticTarget(PKG + "ListenerLeak$EventBus", "INSTANCE");
            long listeners = d.field(bus, "listeners");
            List<String> classes = d.elementClasses(d.field(listeners, "array"));
            assertThat(classes).hasSize(ListenerLeak.REQUESTS + ListenerLeak.AUDITED);
            assertThat(classes.stream().filter(c -> c.startsWith(PKG + "ListenerLeak$RequestHandler$$Lambda")))
                    .hasSize(ListenerLeak.REQUESTS);
            assertThat(classes.stream().filter(c -> c.equals(PKG + "ListenerLeak$RequestHandler$1")))
                    .hasSize(ListenerLeak.AUDITED);
            d.assertLeakHeldBy(listeners, PKG + "ListenerLeak$EventBus", "INSTANCE");
        }
    }

    @Test
    void pooledThreadsKeepTheirBuffersAndStaleEntries() {
        try (Dumped d = Dumped.of(ThreadLocalLeak.class)) {
            long scratchKey = d.index.idOf(d.staticTarget(PKG + "ThreadLocalLeak$ResponseEncoder", "SCRATCH"));
            List<Long> workers = d.threadsNamed("worker-");
            assertThat(workers).hasSize(ThreadLocalLeak.WORKERS);
            long stale = 0;
            long retained = 0;
            for (long worker : workers) {
                long scratch = -1;
                for (long entry : d.threadLocalEntries(worker)) {
                    ObjectReader.Instance e = d.reader.instance(entry);
                    long value = d.index.nodeOf(e.id("value"));
                    if (e.id("referent") == scratchKey) {
                        scratch = value;
                    } else if (e.id("referent") == 0 && value >= 0) {
                        stale++;
                    }
                }
                assertThat(scratch).as("the scratch buffer of a worker").isNotNegative();
                assertThat(d.index.shallowSize(scratch)).isGreaterThanOrEqualTo(ThreadLocalLeak.SCRATCH_BYTES);
                List<PathStep> path = d.pathTo(scratch);
                assertThat(path.get(0).thread()).startsWith("worker-");
                assertThat(path).extracting(PathStep::field).contains("threadLocals", "value");
                retained += d.heap.retained().retained(worker);
            }
            assertThat(stale).as("stale entries (key collected, value alive)").isPositive();
            assertThat((double) retained / d.reachable()).isGreaterThanOrEqualTo(LEAK_SHARE);
            // the biggest objects of the dominator tree are the worker threads
            assertThat(d.report.dominators().subList(0, ThreadLocalLeak.WORKERS))
                    .allSatisfy(r -> {
                        assertThat(r.className()).isEqualTo("java.lang.Thread");
                        assertThat(r.path().get(0).thread()).startsWith("worker-");
                    });
            d.log("4 workers", retained);
        }
    }

    @Test
    void uploadsKeepSocketsChannelsAndStreamsOpen() {
        try (Dumped d = Dumped.of(UnclosedSockets.class)) {
            long uploads = d.staticTarget(PKG + "UnclosedSockets", "OPEN_UPLOADS");
            List<Long> all = d.nodesOf(PKG + "UnclosedSockets$Upload");
            assertThat(all).hasSize(UnclosedSockets.UPLOADS);
            for (long u : all) {
                long socket = d.field(u, "backend");
                assertThat(d.className(socket)).isEqualTo("java.net.Socket");
                assertThat(d.socketFd(socket)).as("socket fd").isNotNegative();
                assertThat(d.className(d.field(u, "spoolWriter"))).isEqualTo("sun.nio.ch.FileChannelImpl");
                assertThat(d.openFd(d.field(u, "spoolWriter"))).as("channel fd").isNotNegative();
                assertThat(d.className(d.field(u, "spoolReader"))).isEqualTo("java.io.FileInputStream");
                assertThat(d.openFd(d.field(u, "spoolReader"))).as("stream fd").isNotNegative();
            }
            // the backend side's accepted sockets are open too
            assertThat(d.instancesOf("java.net.Socket")).isGreaterThanOrEqualTo(2L * UnclosedSockets.UPLOADS);
            d.assertLeakHeldBy(uploads, PKG + "UnclosedSockets", "OPEN_UPLOADS");
        }
    }

    @Test
    void releasedBuffersGoAndLeakedOnesStayCounted() {
        try (Dumped d = Dumped.of(RefCountLeak.class)) {
            long pool = d.staticTarget(PKG + "RefCountLeak$BufferPool", "INSTANCE");
            long leased = d.field(pool, "leased");
            assertThat(d.className(leased)).isEqualTo("java.util.concurrent.ConcurrentHashMap");
            List<Long> ints = d.nodesOf(PKG + "RefCountLeak$RefCountedBuffer");
            List<Long> atomics = d.nodesOf(PKG + "RefCountLeak$AtomicRefCountedBuffer");
            assertThat(ints).hasSize(RefCountLeak.leakedInt());
            assertThat(atomics).hasSize(RefCountLeak.leakedAtomic());
            assertThat(ints).allSatisfy(b -> assertThat(d.reader.instance(b).value("refCnt")).isEqualTo(1));
            assertThat(atomics).allSatisfy(b -> assertThat(
                    d.reader.instance(d.field(b, "refCount")).value("value")).isEqualTo(1));
            d.assertLeakHeldBy(leased, PKG + "RefCountLeak$BufferPool", "INSTANCE");
        }
    }

    @Test
    void supersededPluginLoadersStayReachableThroughTheRegistry() {
        try (Dumped d = Dumped.of(ClassLoaderLeak.class)) {
            long handlers = d.staticTarget(PKG + "ClassLoaderLeak$HostRegistry", "HANDLERS");
            assertThat(d.reader.instance(handlers).value("size")).isEqualTo(ClassLoaderLeak.DEPLOYMENTS);
            List<ClassInfo> pluginClasses = d.index.classes().allByName(ClassLoaderLeak.PLUGIN);
            assertThat(pluginClasses).hasSize(ClassLoaderLeak.DEPLOYMENTS);
            assertThat(pluginClasses.stream().map(ClassInfo::loaderId).distinct()).hasSize(ClassLoaderLeak.DEPLOYMENTS);
            List<Long> loaders = d.nodesOf(PKG + "ClassLoaderLeak$PluginClassLoader");
            assertThat(loaders).hasSize(ClassLoaderLeak.DEPLOYMENTS);
            long viaRegistryOnly = 0;
            for (long loader : loaders) {
                List<PathStep> path = d.pathTo(loader);
                boolean current = path.stream().anyMatch(s -> "currentDeployment".equals(s.field()));
                if (!current) {
                    assertThat(path).anyMatch(s -> "HANDLERS".equals(s.field()));
                    viaRegistryOnly++;
                }
            }
            assertThat(viaRegistryOnly).isEqualTo(ClassLoaderLeak.DEPLOYMENTS - 1);
            d.assertLeakHeldBy(handlers, PKG + "ClassLoaderLeak$HostRegistry", "HANDLERS");
            assertThat(d.heap.retained().retained(handlers))
                    .isGreaterThanOrEqualTo((ClassLoaderLeak.DEPLOYMENTS - 1L) * 5 * 1024 * 1024);
        }
    }

    // ---------------------------------------------------------------- healthy

    @Test
    void boundedCaffeineIsFullAndNothingElseIsBig() {
        try (Dumped d = Dumped.of(BoundedCaffeine.class)) {
            long cache = d.staticTarget(PKG + "BoundedCaffeine", "PRODUCT_CACHE");
            assertThat(d.className(cache)).startsWith("com.github.benmanes.caffeine.cache.");
            assertThat(d.instancesOf(PKG + "BoundedCaffeine$Product")).isEqualTo(BoundedCaffeine.MAXIMUM);
            d.assertOnlyBigThingIs(cache);
        }
    }

    @Test
    void bigArrayIsOneObject() {
        try (Dumped d = Dumped.of(BigArray.class)) {
            long table = d.staticTarget(PKG + "BigArray", "GEO_IP_TABLE");
            assertThat(d.className(table)).isEqualTo("long[]");
            assertThat(d.index.shallowSize(table)).isGreaterThanOrEqualTo(8L * BigArray.RANGES);
            assertThat(d.heap.retained().retained(table)).isEqualTo(d.index.shallowSize(table));
            d.assertOnlyBigThingIs(table);
        }
    }

    @Test
    void synchronizedLruStaysConsistentAtItsBound() {
        try (Dumped d = Dumped.of(SynchronizedLru.class)) {
            long wrapper = d.staticTarget(PKG + "SynchronizedLru", "LOCAL_POINT_CACHE");
            assertThat(d.className(wrapper)).isEqualTo("java.util.Collections$SynchronizedMap");
            long lru = d.field(wrapper, "m");
            assertThat(d.className(lru)).isEqualTo(PKG + "SynchronizedLru$BoundedLru");
            ObjectReader.Instance map = d.reader.instance(lru);
            assertThat(map.value("accessOrder")).isEqualTo(1);
            assertThat(map.value("size")).isEqualTo(SynchronizedLru.MAX_ENTRIES);
            assertThat(d.linkedListLength(lru, 10L * SynchronizedLru.MAX_ENTRIES)).isEqualTo(SynchronizedLru.MAX_ENTRIES);
            d.assertOnlyBigThingIs(wrapper);
        }
    }

    @Test
    void pooledSmallThreadLocalsHoldLittle() {
        try (Dumped d = Dumped.of(PooledSmallThreadLocals.class)) {
            List<Long> workers = d.threadsNamed("worker-");
            assertThat(workers).hasSize(PooledSmallThreadLocals.WORKERS);
            for (long w : workers) {
                assertThat(d.threadLocalEntries(w)).isNotEmpty();
                assertThat(d.heap.retained().retained(w)).isLessThan(64 * 1024);
            }
            d.assertOnlyBigThingIs(-1);
        }
    }

    // ---------------------------------------------------------------- reading a scenario's dump

    /** A scenario's dump: the report (values shown) and an index with its dominator tree, for ground truth. */
    private static final class Dumped implements AutoCloseable {
        final String scenario;
        final Path dump;
        final AnalysisReport report;
        final HeapIndex index;
        final AnalyzedHeap heap;
        final ObjectReader reader;

        private Dumped(Class<?> scenario) {
            this.scenario = scenario.getSimpleName();
            this.dump = ScenarioDumps.dump(scenario);
            this.report = HeapAnalyzer.analyze(dump, new AnalyzeOptions(20, true, null, ProgressListener.NONE,
                    AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD));
            this.index = HeapIndexBuilder.build(dump, HeapIndexOptions.defaults());
            this.heap = AnalyzedHeap.of(index, ProgressListener.NONE);
            this.reader = new ObjectReader(index);
        }

        static Dumped of(Class<?> scenario) {
            return new Dumped(scenario);
        }

        long reachable() {
            return report.heap().reachableBytes();
        }

        String className(long node) {
            ClassInfo c = index.classForClassObject(node);
            return c != null ? "class " + c.name() : index.classOf(node).name();
        }

        long staticTarget(String className, String field) {
            ClassInfo c = index.classes().byName(className);
            assertThat(c).as("class %s in the dump", className).isNotNull();
            String[] names = c.staticNames();
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(field)) {
                    long node = index.nodeOf(c.staticValues()[i]);
                    assertThat(node).as("%s.%s points to an object", className, field).isNotNegative();
                    return node;
                }
            }
            throw new AssertionError("no static field " + className + "." + field);
        }

        long field(long node, String name) {
            return index.nodeOf(reader.instance(node).id(name));
        }

        long instancesOf(String className) {
            long n = 0;
            for (ClassInfo c : index.classes().allByName(className)) {
                n += index.instancesOfClass(c.number());
            }
            return n;
        }

        /** Instances (and arrays) of a class, excluding its class object. */
        List<Long> nodesOf(String className) {
            List<Long> out = new ArrayList<>();
            for (long n = index.classObjectCount(); n < index.objectCount(); n++) {
                if (index.classOf(n).name().equals(className)) {
                    out.add(n);
                }
            }
            return out;
        }

        /** Classes of the non-null elements of an object array. */
        List<String> elementClasses(long array) {
            List<String> out = new ArrayList<>();
            for (long id : reader.elements(array, Integer.MAX_VALUE)) {
                if (id != 0) {
                    out.add(className(index.nodeOf(id)));
                }
            }
            return out;
        }

        /** Entries of a LinkedHashMap's list walked from {@code head} through {@code after}, up to {@code cap}. */
        long linkedListLength(long map, long cap) {
            long n = 0;
            long e = field(map, "head");
            while (e >= 0 && n < cap) {
                n++;
                e = field(e, "after");
            }
            return n;
        }

        /** The {@code java.lang.Thread}s whose name starts with a prefix. */
        List<Long> threadsNamed(String prefix) {
            List<Long> out = new ArrayList<>();
            for (long t : nodesOf("java.lang.Thread")) {
                String name = reader.string(field(t, "name"));
                if (name != null && name.startsWith(prefix)) {
                    out.add(t);
                }
            }
            return out;
        }

        /** The entries of a thread's {@code threadLocals} map. */
        List<Long> threadLocalEntries(long thread) {
            List<Long> out = new ArrayList<>();
            long map = field(thread, "threadLocals");
            if (map < 0) {
                return out;
            }
            for (long id : reader.elements(field(map, "table"), Integer.MAX_VALUE)) {
                if (id != 0) {
                    out.add(index.nodeOf(id));
                }
            }
            return out;
        }

        /** The OS descriptor of a resource's {@code fd} ({@code java.io.FileDescriptor}); -1 once closed. */
        long openFd(long resource) {
            long fd = field(resource, "fd");
            assertThat(fd).as("%s has a FileDescriptor", className(resource)).isNotNegative();
            return reader.instance(fd).value("fd");
        }

        /** A socket's descriptor: {@code Socket.impl}, through a SOCKS/delegating impl to the platform one. */
        long socketFd(long socket) {
            long impl = field(socket, "impl");
            while (impl >= 0 && reader.instance(impl).id("delegate") != 0) {
                impl = field(impl, "delegate");
            }
            return openFd(impl);
        }

        List<PathStep> pathTo(long node) {
            try (ShortestPaths sp = ShortestPaths.search(index.graph(), heap.rootNodes(), new long[] {node},
                    index.temp())) {
                return new PathDescriber(index, true).describe(sp.pathTo(node));
            }
        }

        long topDominator() {
            DominatorRow top = report.dominators().get(0);
            return index.nodeOf(Long.parseUnsignedLong(top.id().substring(2), 16));
        }

        /** Whether {@code ancestor} is {@code node} or dominates it. */
        boolean dominates(long ancestor, long node) {
            for (long n = node; n >= 0; n = heap.tree().idom(n)) {
                if (n == ancestor) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The leak's ground truth: the shortest path to what the holder holds goes through the static field,
         * what it holds retains at least 30% of the reachable heap, and it sits under the top object of the
         * dominator tree (the holder's class or loader, which a suspect search has to descend from).
         */
        void assertLeakHeldBy(long held, String holderClass, String staticField) {
            List<PathStep> path = pathTo(held);
            assertThat(path).as("path to the leak").anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo("static-field");
                assertThat(s.className()).isEqualTo(holderClass);
                assertThat(s.field()).isEqualTo(staticField);
            });
            long retained = heap.retained().retained(held);
            assertThat((double) retained / reachable()).as("share of the reachable heap held by %s.%s",
                    holderClass, staticField).isGreaterThanOrEqualTo(LEAK_SHARE);
            assertThat(dominates(topDominator(), held)).as("the leak is under the top dominator %s",
                    report.dominators().get(0)).isTrue();
            log(holderClass.substring(holderClass.lastIndexOf('.') + 1) + "." + staticField, retained);
        }

        /**
         * Healthy ground truth: every object retaining 30% or more of the reachable heap is {@code legit}, an
         * object that dominates it (its class, its loader) or one it dominates. {@code legit} -1: nothing is
         * that big.
         */
        void assertOnlyBigThingIs(long legit) {
            DominatorTree tree = heap.tree();
            long threshold = (long) (LEAK_SHARE * reachable());
            List<String> offenders = new ArrayList<>();
            for (long p = 1; p <= tree.reachableCount(); p++) {
                long n = tree.nodeInPreorder(p);
                if (heap.retained().retained(n) >= threshold && index.classForClassObject(n) == null
                        && !index.classes().isSubclassOf(index.classOf(n), "java.lang.ClassLoader")
                        && (legit < 0 || !dominates(n, legit) && !dominates(legit, n))) {
                    offenders.add(className(n) + " retaining " + heap.retained().retained(n));
                }
            }
            assertThat(offenders).as("big objects besides the legitimate one").isEmpty();
            log(legit < 0 ? "nothing" : className(legit), legit < 0 ? 0 : heap.retained().retained(legit));
        }

        void log(String holder, long retained) {
            try {
                System.out.printf("%-24s run %5.2f s, dump %5.1f MB, reachable %5.1f MB, %s retains %4.1f%%%n",
                        scenario, ScenarioDumps.seconds(classOf(scenario)), Files.size(dump) / 1e6, reachable() / 1e6,
                        holder, 100.0 * retained / reachable());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static Class<?> classOf(String simpleName) {
            try {
                return Class.forName(PKG + simpleName);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            heap.close();
            index.close();
        }
    }
}
