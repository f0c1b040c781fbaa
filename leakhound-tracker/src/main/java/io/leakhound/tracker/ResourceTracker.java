package io.leakhound.tracker;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks resources that must be closed: {@link #track} returns a handle that the resource closes with itself;
 * a resource that becomes unreachable while still open is a leak, found through a phantom reference (never
 * finalization) and reported to the {@linkplain #addListener listeners} with the stack where it was opened
 * and its last recorded accesses. {@link #refCounts()} does the same for retain/release objects.
 *
 * <p>Levels ({@link Level}): off, sampled (one resource in {@link #samplingInterval()}, the default, 128) or
 * all. {@link #global()} reads {@code -Dleakhound.tracker.level=off|sampled|all},
 * {@code -Dleakhound.tracker.sampling=N}, {@code -Dleakhound.tracker.records=N} (accesses kept per resource,
 * default 4) and {@code -Dleakhound.tracker.threshold=N} (log the open resources once when more than N are
 * open); the agent's options and the setters change them at run time.
 *
 * <p>Thread-safe. Leaks are found on one daemon thread per tracker, which also calls the listeners; by
 * default a rate-limited {@link System.Logger} line and stack per leak ({@link #setLogging}).
 * {@link #collect} makes finding them deterministic (tests). A {@link Checkpoint} scopes all this to a test.
 *
 * <p>Longer than most classes here on purpose: it is the module's public face (tracking, settings, queries), with
 * the table, the reaper thread, the records and the listing each in a class of its own.
 */
public final class ResourceTracker {
    public static final String LEVEL_PROPERTY = "leakhound.tracker.level";
    public static final String SAMPLING_PROPERTY = "leakhound.tracker.sampling";
    public static final String RECORDS_PROPERTY = "leakhound.tracker.records";
    public static final String THRESHOLD_PROPERTY = "leakhound.tracker.threshold";
    public static final int DEFAULT_SAMPLING_INTERVAL = 128;
    public static final int DEFAULT_ACCESS_RECORDS = 4;
    /** Kinds beyond this many are counted as {@code other}: kinds become metric labels. */
    public static final int MAX_KINDS = 64;

    private static final ResourceTracker GLOBAL = TrackerProperties.apply(create());

    final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Registry registry = new Registry();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final Map<String, KindCounter> kinds = new ConcurrentHashMap<>();
    private final ClassValue<KindCounter> classKinds = new ClassValue<>() {
        @Override
        protected KindCounter computeValue(Class<?> type) {
            return kind(type.getName());
        }
    };
    private final List<LeakListener> listeners = new CopyOnWriteArrayList<>();
    private final LoggingLeakListener logging = new LoggingLeakListener();
    private final RefCountTracker refCounts = new RefCountTracker(this);
    private volatile Level level;
    private volatile int samplingInterval;
    private volatile int accessRecords;
    private volatile long openThreshold;
    private volatile boolean thresholdArmed = true;
    private volatile boolean loggingOn = true;
    private volatile Reaper reaper;

    private ResourceTracker(Level level, int samplingInterval, int accessRecords, long openThreshold) {
        this.level = level;
        setSamplingInterval(samplingInterval);
        setAccessRecords(accessRecords);
        setOpenThreshold(openThreshold);
    }

    /** The tracker of this JVM, set up from the system properties; the one the agent's instrumentation uses. */
    public static ResourceTracker global() {
        return GLOBAL;
    }

    /** A tracker of its own (tests, libraries), at level sampled with the default interval and records. */
    public static ResourceTracker create() {
        return new ResourceTracker(Level.SAMPLED, DEFAULT_SAMPLING_INTERVAL, DEFAULT_ACCESS_RECORDS, 0);
    }

    /** Tracks {@code resource} as a resource of its class's kind (its class name). */
    public Tracked track(Object resource) {
        Record r = trackRecord(resource, null, false, false);
        return r == null ? Tracked.NONE : r;
    }

    /**
     * Tracks {@code resource} as a resource of {@code kind} ({@code file}, {@code connection}, ...). Tracking
     * the same object again returns its open handle. At level off, or when not sampled, returns
     * {@link Tracked#NONE} without any work beyond a random number.
     */
    public Tracked track(Object resource, String kind) {
        Objects.requireNonNull(kind, "kind");
        Record r = trackRecord(resource, kind, false, false);
        return r == null ? Tracked.NONE : r;
    }

    /**
     * Like {@link #track(Object, String)}, for a resource that a library made and handed out (a JDBC driver's
     * connection): its reports' application frame also skips the frames of that library, taken to be the
     * classes sharing the first two package names of the resource's class ({@code org.h2.}).
     */
    public Tracked trackMadeByLibrary(Object resource, String kind) {
        Objects.requireNonNull(kind, "kind");
        Record r = trackRecord(resource, kind, false, true);
        return r == null ? Tracked.NONE : r;
    }

    Record trackRecord(Object resource, String kind, boolean refCounted, boolean madeByLibrary) {
        Objects.requireNonNull(resource, "resource");
        Level l = level;
        if (l == Level.OFF || l == Level.SAMPLED && ThreadLocalRandom.current().nextInt(samplingInterval) != 0
                || Thread.currentThread() instanceof Reaper) {
            return null;
        }
        int hash = Registry.spread(System.identityHashCode(resource));
        Record existing = registry.find(resource, hash);
        if (existing != null) {
            return existing;
        }
        KindCounter k = kind == null ? classKinds.get(resource.getClass()) : kind(kind);
        Record r = new Record(this, resource, hash, k, sequence.incrementAndGet(), new Throwable(), accessRecords,
                refCounted, madeByLibrary);
        Record in = registry.addIfAbsent(r, resource);
        if (in != r) {
            return in;
        }
        k.opened.increment();
        long now = open.incrementAndGet();
        reaper();
        if (now > openThreshold && openThreshold > 0 && thresholdArmed) {
            thresholdArmed = false;
            reaper.signalThreshold(now);
        }
        return r;
    }

    /**
     * Marks the tracked resource {@code resource} closed, found by identity: for code that cannot keep the
     * handle (the agent's instrumentation). False when it is not tracked or was closed already.
     */
    public boolean close(Object resource) {
        if (resource == null || open.get() == 0) {
            return false;
        }
        Record r = registry.find(resource, Registry.spread(System.identityHashCode(resource)));
        return r != null && r.close();
    }

    void closed(Record r) {
        registry.remove(r);
        r.clear();
        r.kind.closed.increment();
        decrementOpen();
    }

    private void decrementOpen() {
        long now = open.decrementAndGet();
        if (!thresholdArmed && now <= openThreshold * 9 / 10) {
            thresholdArmed = true;
        }
    }

    /** A record found on the reference queue: its resource was collected; a leak unless it was closed. */
    int handleCollected(Reference<?> ref) {
        if (ref instanceof Record r) {
            registry.remove(r);
            if (r.markLeaked()) {
                r.kind.leaked.increment();
                decrementOpen();
                LeakReport report = new LeakReport(r.snapshot());
                for (LeakListener l : listeners()) {
                    try {
                        l.leaked(report);
                    } catch (RuntimeException e) {
                        // a listener must not stop the others
                    }
                }
                return 1;
            }
        } else if (ref instanceof Reaper.Sentinel s) {
            s.seen = true;
        }
        return 0;
    }

    void reportThreshold(long openNow) {
        ResourceListing listing = listing();
        for (LeakListener l : listeners()) {
            try {
                l.thresholdPassed(openNow, listing);
            } catch (RuntimeException e) {
                // a listener must not stop the others
            }
        }
    }

    private List<LeakListener> listeners() {
        if (!loggingOn) {
            return listeners;
        }
        List<LeakListener> all = new ArrayList<>(listeners.size() + 1);
        all.add(logging);
        all.addAll(listeners);
        return all;
    }

    KindCounter kind(String name) {
        KindCounter k = kinds.get(name);
        if (k != null) {
            return k;
        }
        if (kinds.size() >= MAX_KINDS) {
            return kinds.computeIfAbsent("other", KindCounter::new);
        }
        return kinds.computeIfAbsent(name, KindCounter::new);
    }

    private Reaper reaper() {
        Reaper r = reaper;
        if (r == null) {
            synchronized (this) {
                r = reaper;
                if (r == null) {
                    r = new Reaper(this);
                    r.start();
                    reaper = r;
                }
            }
        }
        return r;
    }

    /** Starts the thread that finds leaks now, instead of at the first tracked resource (the agent does). */
    public void start() {
        reaper();
    }

    /**
     * Finds every tracked resource that is unreachable now: forces garbage collections ({@link System#gc()})
     * and processes the reference queue until a marker object collected after them has come through (three
     * rounds, so what the first collection left behind is found too), at most {@code timeout}. Every leak
     * found is reported to the listeners before it returns, by this call or by the tracker's thread, which may
     * have taken some off the queue first: the listeners, not the result, say what leaked. Returns the number of
     * leaks this call reported itself. For tests; in a service it costs full GCs.
     */
    public int collect(Duration timeout) {
        return reaper().collect(System.nanoTime() + timeout.toNanos());
    }

    /** The retain/release side of this tracker (same level, counters, listeners and checkpoints). */
    public RefCountTracker refCounts() {
        return refCounts;
    }

    /** Adds a listener; closing the subscription removes it. */
    public AutoCloseable addListener(LeakListener listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /** Whether leaks and threshold crossings are logged on {@link System.Logger} {@code io.leakhound.tracker} (default on). */
    public void setLogging(boolean on) {
        loggingOn = on;
    }

    /** A checkpoint: what is opened after it and left open or leaked (for one test). */
    public Checkpoint checkpoint() {
        return new Checkpoint(this, sequence.get());
    }

    /** The counters of every kind seen, by kind name. */
    public List<KindCounts> counts() {
        List<KindCounts> out = new ArrayList<>();
        for (KindCounter k : kinds.values()) {
            out.add(k.snapshot());
        }
        out.sort(Comparator.comparing(KindCounts::kind));
        return out;
    }

    /** Tracked resources open now (reference-counted objects still retained included). */
    public long openCount() {
        return Math.max(0, open.get());
    }

    /** Snapshots of the open tracked resources tracked after {@code sequence}, in tracking order. */
    List<TrackedResource> openAfter(long after) {
        List<Record> records = registry.select(r -> r.sequence > after && r.isOpen());
        records.sort(Comparator.comparingLong(r -> r.sequence));
        List<TrackedResource> out = new ArrayList<>(records.size());
        for (Record r : records) {
            out.add(r.snapshot());
        }
        return out;
    }

    /** Snapshots of all open tracked resources, in tracking order. */
    public List<TrackedResource> openResources() {
        return openAfter(0);
    }

    /** The open resources grouped by where they were opened, with the counters: what the agent lists. */
    public ResourceListing listing() {
        return ResourceListing.of(this, openResources());
    }

    public Level level() {
        return level;
    }

    public void setLevel(Level level) {
        this.level = Objects.requireNonNull(level);
    }

    public int samplingInterval() {
        return samplingInterval;
    }

    /** One resource in {@code interval} is tracked at level sampled (1 tracks all of them). */
    public void setSamplingInterval(int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("sampling interval must be at least 1: " + interval);
        }
        this.samplingInterval = interval;
    }

    public int accessRecords() {
        return accessRecords;
    }

    /** How many accesses are kept per resource for its report (0: none; {@link Tracked#touch} does nothing). */
    public void setAccessRecords(int records) {
        if (records < 0 || records > 1000) {
            throw new IllegalArgumentException("access records must be 0..1000: " + records);
        }
        this.accessRecords = records;
    }

    public long openThreshold() {
        return openThreshold;
    }

    /**
     * When more than {@code threshold} tracked resources are open, the listeners get the listing once
     * ({@link LeakListener#thresholdPassed}); again only after the count fell to 90% of it. 0 turns it off.
     */
    public void setOpenThreshold(long threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative: " + threshold);
        }
        this.openThreshold = threshold;
        this.thresholdArmed = true;
    }
}
