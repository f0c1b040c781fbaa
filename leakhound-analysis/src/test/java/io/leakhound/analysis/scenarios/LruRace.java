package io.leakhound.analysis.scenarios;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * <b>Leak: {@code linked-hash-map-corrupted}.</b> A "bounded" LRU cache of map points, an access-order
 * {@link LinkedHashMap} whose {@code removeEldestEntry} keeps at most {@value #MAX_ENTRIES} entries, guarded
 * by a {@link ReentrantReadWriteLock}. The mistake: {@code get} runs under the <em>read</em> lock, but on an
 * access-order map {@code get} moves the entry to the tail of the linked list, i.e. it writes. Concurrent
 * gets corrupt the list; the eldest entry ({@code head}) soon names an entry that is no longer in the table,
 * eviction removes nothing, and the cache grows without limit.
 *
 * <p>The corruption is produced for real by {@value #THREADS} request threads; the program verifies it
 * before dumping (the map holds far more than {@value #MAX_ENTRIES} entries, and walking the list from
 * {@code head} does not give {@code size()} entries) and fails (exit 1) when it did not happen within
 * {@value #DEADLINE_MILLIS} ms.
 *
 * <p>Expected diagnosis: holder static field {@code LruRace.LOCAL_POINT_CACHE} (an anonymous subclass
 * {@code LruRace$1} of {@code java.util.LinkedHashMap}), pattern {@code linked-hash-map-corrupted},
 * accumulation point its {@code java.util.HashMap$Node[]} table, accumulated elements
 * {@code java.util.LinkedHashMap$Entry} holding {@code LruRace$Point} values (and {@code Long} keys).
 */
public final class LruRace {
    static final int MAX_ENTRIES = 1000;
    /** Stop once this many entries pile up: far above the bound, about 25 MB of points. */
    static final int TARGET_SIZE = 120_000;
    static final int THREADS = 6;
    static final long DEADLINE_MILLIS = 20_000;

    /** A map point, as a tile service would cache it. */
    static final class Point {
        final long id;
        final double lat;
        final double lon;
        final String label;

        Point(long id) {
            this.id = id;
            this.lat = (id % 180_000) / 1000.0 - 90;
            this.lon = (id % 360_000) / 1000.0 - 180;
            this.label = "pt-" + id;
        }
    }

    static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    /** The LRU cache: access order, bounded by {@code removeEldestEntry}. */
    static final Map<Long, Point> LOCAL_POINT_CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Point> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private static final AtomicLong NEXT_ID = new AtomicLong(MAX_ENTRIES);
    private static volatile boolean running = true;

    private LruRace() {
    }

    /** The bug: a read lock for an operation that reorders the access-order list. */
    static Point lookup(long id) {
        LOCK.readLock().lock();
        try {
            Point p = LOCAL_POINT_CACHE.get(id);
            if (p != null) {
                return p;
            }
        } finally {
            LOCK.readLock().unlock();
        }
        Point loaded = new Point(id);
        LOCK.writeLock().lock();
        try {
            LOCAL_POINT_CACHE.put(id, loaded);
        } finally {
            LOCK.writeLock().unlock();
        }
        return loaded;
    }

    private static void serve() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long sink = 0;
        while (running) {
            // mostly recent (hot) points, sometimes a point nobody asked for before
            long id = rnd.nextInt(8) == 0 ? NEXT_ID.incrementAndGet() : NEXT_ID.get() - rnd.nextInt(MAX_ENTRIES);
            sink += lookup(id).id;
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    /** Entries reachable by walking the list from {@code head}, up to {@code cap}. */
    static long listLength(Map<?, ?> map, long cap) {
        long n = 0;
        try {
            for (Iterator<?> it = map.keySet().iterator(); it.hasNext() && n < cap; it.next()) {
                n++;
            }
        } catch (RuntimeException e) {
            return -n - 1;
        }
        return n;
    }

    public static void main(String[] args) throws Exception {
        long start = System.currentTimeMillis();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(LruRace::serve, "tile-request-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        int size = 0;
        long escaped = -1;
        while (System.currentTimeMillis() - start < DEADLINE_MILLIS) {
            Thread.sleep(20);
            LOCK.writeLock().lock();
            try {
                size = LOCAL_POINT_CACHE.size();
            } finally {
                LOCK.writeLock().unlock();
            }
            if (escaped < 0 && size > 2 * MAX_ENTRIES) {
                escaped = System.currentTimeMillis() - start;
            }
            if (size >= TARGET_SIZE) {
                break;
            }
        }
        running = false;
        for (Thread t : threads) {
            t.join(5_000);
        }
        size = LOCAL_POINT_CACHE.size();
        long walked = listLength(LOCAL_POINT_CACHE, 4L * size + 10);
        System.out.printf("LOCAL_POINT_CACHE: size %d (bound %d), list walk %d; twice the bound after %d ms,"
                + " done after %d ms%n", size, MAX_ENTRIES, walked, escaped, System.currentTimeMillis() - start);
        SelfDump.check(size > 50 * MAX_ENTRIES, "the LRU cache was not corrupted in time: size " + size
                + ", list walk " + walked);
        SelfDump.liveHeap(args[0]);
    }
}
