package io.leakhound.live.watch;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.leakhound.live.series.MemorySeries;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.VerdictEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Watches one JVM through JMX: subscribes to the GC notifications of every collector, turns them into a
 * live-set series ({@link LiveSetCollector}), keeps the {@link VerdictEngine}'s verdict on it up to date and,
 * when asked, takes class histograms at a rate-limited interval ({@link ClassHistograms}).
 *
 * <p>Threads: notifications arrive on JMX threads and are only queued (bounded; collections beyond
 * {@link #QUEUE} waiting are dropped). One daemon thread, {@code leakhound-watch}, does everything else and
 * calls the {@link Listener}, so listeners need no locking. A listener that throws is reported through
 * {@link Listener#failure} and the watch goes on.
 */
public final class Watcher implements AutoCloseable {
    /** GC events waiting for the worker; more are dropped (a stalled worker must not hold memory). */
    static final int QUEUE = 10_000;
    /**
     * Histograms pause the target for a full GC: after one that took T, the next waits at least this many
     * times T, so histograms take at most about 5% of the target's time whatever the interval asked.
     */
    public static final int HISTOGRAM_PAUSE_FACTOR = 20;
    /** The shortest histogram interval accepted. */
    public static final Duration MIN_HISTOGRAM_INTERVAL = Duration.ofSeconds(1);

    private static final String DIAGNOSTIC = "com.sun.management:type=DiagnosticCommand";

    /**
     * @param limitBytes limit for the time-to-limit forecast; null for the target's max heap
     * @param histogramInterval time between class histograms; null for none (the default: each forces a full GC)
     * @param windowMillis keep samples of this last stretch only (the agent); 0 for the whole watch
     * @param minVerdictMillis recompute the verdict at most this often for samples that are not live-set
     *                         samples (live-set samples always recompute it)
     * @param topClasses how many growing classes to report
     * @param remote the target is another JVM reached over JMX (its notification buffer is corrected for)
     * @param minLeakSpanMillis leak only after this much data ({@link VerdictEngine#DEFAULT_MIN_LEAK_SPAN_MILLIS})
     */
    public record Options(Long limitBytes, Duration histogramInterval, long windowMillis, long minVerdictMillis,
            int topClasses, boolean remote, long minLeakSpanMillis) {
        /**
         * The CLI's defaults over JMX: no histograms, the whole watch, verdict at most once a second, top 20,
         * leak after a minute at the earliest.
         */
        public static Options defaults() {
            return new Options(null, null, 0, 1000, 20, true, VerdictEngine.DEFAULT_MIN_LEAK_SPAN_MILLIS);
        }
    }

    /**
     * A JMX connector server keeps the last {@value} notifications of every MBean in the target's heap
     * ({@code jmx.remote.x.notification.buffer.size}, from the first client connection on, for good), unless
     * the target sets that property otherwise: the watcher reads it from the target. See
     * {@link #NOTIFICATION_ROW_BYTES}.
     */
    public static final int JMX_NOTIFICATION_BUFFER = 1000;
    /** The target's system property that sizes its connector's notification buffer. */
    public static final String NOTIFICATION_BUFFER_PROPERTY = "jmx.remote.x.notification.buffer.size";
    /**
     * Heap one pool row of a buffered GC notification takes in the target (a {@code GcInfo} composite holds two
     * rows per memory pool, before and after): about 14 KB per notification with 8 pools, measured on JDK 17
     * with compressed oops. Over JMX, the heap after collection {@code k} holds the notifications of the
     * collections before it, up to {@link #JMX_NOTIFICATION_BUFFER}: a growth the watch itself causes, about
     * 14 MB over the first thousand collections. The watcher subtracts it from every sample. A GC log of the
     * watched JVM shows it; {@code -Djmx.remote.x.notification.buffer.size=64} on a service keeps it under 1 MB.
     */
    public static final int NOTIFICATION_ROW_BYTES = 900;

    /** What the watch knows now. */
    public record Status(TrendResult result, MemorySeries series, List<ClassGrowth> growing, int histograms,
            long collections, Long limitBytes, Long maxHeapBytes, long jvmStartMillis, long latestAfterGcBytes) {
    }

    /** A sample and the status right after it. */
    public record Update(GcEvent event, LiveSetCollector.Recorded recorded, Status status) {
    }

    /** Receives the watch's news on the worker thread. */
    public interface Listener {
        /** A collection gave a sample (live-set or not); the status includes it. */
        default void sample(Update update) {
        }

        /** A class histogram was taken. */
        default void histogram(Status status) {
        }

        /** About once a second, for a live view. */
        default void tick(Status status) {
        }

        /** Something went wrong that does not stop the watch (histograms failed, a listener threw). */
        default void failure(String message) {
        }
    }

    private final MBeanServerConnection connection;
    private final Options options;
    private final Listener listener;
    private final LiveSetCollector collector;
    private final ClassHistograms histograms;
    private final VerdictEngine engine;
    private final BlockingQueue<GcEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<ObjectName> subscribed = new ArrayList<>();
    private final NotificationListener gcListener = this::onNotification;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final java.util.ArrayDeque<Integer> buffered = new java.util.ArrayDeque<>();
    private long bufferedBytes;
    private int notificationBuffer = JMX_NOTIFICATION_BUFFER;
    private Set<String> heapPools = Set.of();
    private Set<String> oldPools = Set.of();
    private Long maxHeap;
    private long jvmStart;
    private volatile Status status;
    private volatile boolean running;
    private Thread worker;
    private long nextHistogram;
    private boolean histogramsFailed;
    private List<ClassGrowth> growing = List.of();

    public Watcher(MBeanServerConnection connection, Options options, Listener listener) {
        this.connection = connection;
        this.options = options;
        this.listener = listener;
        this.engine = new VerdictEngine(options.minLeakSpanMillis());
        this.histograms = new ClassHistograms(engine);
        this.collector = new LiveSetCollector(options.windowMillis(), LiveSetCollector.MAX_SAMPLES);
    }

    /** Reads the heap layout, subscribes to every collector's notifications and starts the worker thread. */
    public synchronized void start() throws IOException, JMException {
        Set<String> heap = new HashSet<>();
        Set<String> old = new HashSet<>();
        for (ObjectName pool : connection.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
            String name = pool.getKeyProperty("name");
            if ("HEAP".equals(String.valueOf(connection.getAttribute(pool, "Type")))) {
                heap.add(name);
                if (name.contains("Old") || name.contains("Tenured")) {
                    old.add(name);
                }
            }
        }
        heapPools = heap;
        oldPools = old;
        CompositeData heapUsage = (CompositeData) connection.getAttribute(new ObjectName("java.lang:type=Memory"),
                "HeapMemoryUsage");
        long max = MemoryUsage.from(heapUsage).getMax();
        maxHeap = max > 0 ? max : null;
        jvmStart = (Long) connection.getAttribute(new ObjectName("java.lang:type=Runtime"), "StartTime");
        if (options.remote()) {
            notificationBuffer = notificationBufferSize();
        }
        for (ObjectName gc : connection.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
            connection.addNotificationListener(gc, gcListener, null, null);
            subscribed.add(gc);
        }
        status = computeStatus();
        running = true;
        if (options.histogramInterval() != null) {
            nextHistogram = System.currentTimeMillis(); // a first histogram at once: the baseline
        }
        worker = new Thread(this::work, "leakhound-watch");
        worker.setDaemon(true);
        worker.start();
    }

    /** The target's connector notification buffer: its {@value #NOTIFICATION_BUFFER_PROPERTY}, else the default. */
    private int notificationBufferSize() {
        try {
            Object props = connection.getAttribute(new ObjectName("java.lang:type=Runtime"), "SystemProperties");
            if (props instanceof javax.management.openmbean.TabularData table) {
                CompositeData row = table.get(new Object[] {NOTIFICATION_BUFFER_PROPERTY});
                if (row != null) {
                    int size = Integer.parseInt(String.valueOf(row.get("value")).strip());
                    if (size >= 0) {
                        return size;
                    }
                }
            }
        } catch (Exception e) {
            // unreadable or not a number: the connector's default then applies too
        }
        return JMX_NOTIFICATION_BUFFER;
    }

    /** The collector names the target reports (e.g. {@code G1 Young Generation}). */
    public List<String> collectors() {
        return subscribed.stream().map(n -> n.getKeyProperty("name")).toList();
    }

    /** The latest status; never null after {@link #start()}. */
    public Status status() {
        return status;
    }

    /** CPU time this watcher spent on its own code (notification handling and worker), all threads. */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    /** GC events dropped because the worker fell behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Recomputes the verdict now (call after the watch, for the final answer). */
    public synchronized Status refresh() {
        status = computeStatus();
        return status;
    }

    private void onNotification(Notification n, Object handback) {
        long cpu0 = cpuTime();
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) n.getUserData());
            GcInfo gc = info.getGcInfo();
            Map<String, MemoryUsage> before = gc.getMemoryUsageBeforeGc();
            Map<String, MemoryUsage> after = gc.getMemoryUsageAfterGc();
            long observer = 0;
            if (options.remote()) {
                synchronized (buffered) {
                    observer = bufferedBytes; // the notifications of earlier collections, held by the connector
                    int size = NOTIFICATION_ROW_BYTES * (before.size() + after.size());
                    buffered.addLast(size);
                    bufferedBytes += size;
                    if (buffered.size() > notificationBuffer) {
                        bufferedBytes -= buffered.removeFirst();
                    }
                }
            }
            GcEvent e = new GcEvent(gc.getEndTime(), info.getGcName(), info.getGcAction(), info.getGcCause(),
                    sum(before, heapPools) - observer, sum(after, heapPools) - observer, sum(before, oldPools),
                    sum(after, oldPools));
            if (!queue.offer(e)) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException | Error e) {
            dropped.incrementAndGet();
        } finally {
            cpuNanos.addAndGet(cpuTime() - cpu0);
        }
    }

    private static long sum(Map<String, MemoryUsage> usage, Set<String> pools) {
        long total = 0;
        for (String pool : pools) {
            MemoryUsage u = usage.get(pool);
            if (u != null) {
                total += u.getUsed();
            }
        }
        return total;
    }

    private long cpuTime() {
        try {
            return threads.getCurrentThreadCpuTime();
        } catch (UnsupportedOperationException e) {
            return 0;
        }
    }

    private void work() {
        long lastVerdict = 0;
        long lastTick = 0;
        boolean dirty = false;
        List<GcEvent> events = new ArrayList<>();
        List<LiveSetCollector.Recorded> recorded = new ArrayList<>();
        List<GcEvent> recordedEvents = new ArrayList<>();
        while (running) {
            try {
                GcEvent first = queue.poll(250, TimeUnit.MILLISECONDS);
                long cpu0 = cpuTime();
                try {
                    boolean force = false;
                    if (first != null) {
                        events.add(first);
                        queue.drainTo(events);
                        for (GcEvent e : events) {
                            for (LiveSetCollector.Recorded r : collector.accept(e)) {
                                recorded.add(r);
                                recordedEvents.add(e);
                                dirty = true;
                                force |= r.liveSet();
                            }
                        }
                        events.clear();
                    }
                    long now = System.currentTimeMillis();
                    if (dirty && (force || now - lastVerdict >= options.minVerdictMillis())) {
                        refresh();
                        lastVerdict = now;
                        dirty = false;
                    }
                    for (int i = 0; i < recorded.size(); i++) {
                        Update u = new Update(recordedEvents.get(i), recorded.get(i), status);
                        call(() -> listener.sample(u));
                    }
                    recorded.clear();
                    recordedEvents.clear();
                    if (options.histogramInterval() != null && !histogramsFailed && now >= nextHistogram) {
                        takeHistogram();
                    }
                    if (now - lastTick >= 1000) {
                        lastTick = now;
                        Status s = status;
                        call(() -> listener.tick(s));
                    }
                } finally {
                    cpuNanos.addAndGet(cpuTime() - cpu0);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                call(() -> listener.failure("watch: " + e));
            }
        }
    }

    private void takeHistogram() {
        long start = System.currentTimeMillis();
        try {
            String text = (String) connection.invoke(new ObjectName(DIAGNOSTIC), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            long end = System.currentTimeMillis();
            long took = end - start;
            nextHistogram = end + Math.max(options.histogramInterval().toMillis(), HISTOGRAM_PAUSE_FACTOR * took);
            histograms.add(end - jvmStart, ClassHistograms.parse(text));
            growing = histograms.growing(options.topClasses());
            refresh();
            Status s = status;
            call(() -> listener.histogram(s));
        } catch (IOException | JMException | RuntimeException e) {
            histogramsFailed = true;
            call(() -> listener.failure("class histograms stopped: " + JvmTarget.rootMessage(e)));
        }
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            try {
                listener.failure("listener: " + e);
            } catch (RuntimeException | Error ignored) {
                // nothing left to tell
            }
        }
    }

    private Status computeStatus() {
        Long limit = options.limitBytes() != null ? options.limitBytes() : maxHeap;
        MemorySeries series = collector.series(limit);
        TrendResult result = engine.decide(series, limit);
        return new Status(result, series, growing, histograms.histograms(), collector.collections(), limit, maxHeap,
                jvmStart, collector.latestAfterGcBytes());
    }

    /** Unsubscribes and stops the worker; the target is left as it was. */
    @Override
    public void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ObjectName gc : subscribed) {
            try {
                connection.removeNotificationListener(gc, gcListener);
            } catch (Exception e) {
                // the target may be gone
            }
        }
    }
}
