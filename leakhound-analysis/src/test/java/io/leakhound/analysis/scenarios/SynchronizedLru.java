package io.leakhound.analysis.scenarios;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * <b>Healthy.</b> The fixed {@link LruRace}: the same access-order {@link LinkedHashMap} LRU cache with
 * {@code removeEldestEntry} (at most {@value #MAX_ENTRIES} entries) under the same concurrent load of
 * {@value #THREADS} threads, but wrapped in {@link Collections#synchronizedMap}, so {@code get} and {@code put}
 * are exclusive. Its values are heavier (8 KB rendered tiles), so the cache is full, consistent, and the
 * biggest thing in the heap (about 9 MB). The program checks that it is at its bound and that its list walks
 * {@code size()} entries.
 *
 * <p>Expected diagnosis: no pattern. Holder static field {@code SynchronizedLru.LOCAL_POINT_CACHE}
 * ({@code java.util.Collections$SynchronizedMap} around {@code SynchronizedLru$BoundedLru}, a named
 * {@code LinkedHashMap} subclass), exactly {@value #MAX_ENTRIES} entries with a consistent linked list.
 */
public final class SynchronizedLru {
    public static final int MAX_ENTRIES = 1000;
    static final int THREADS = 6;
    static final long RUN_MILLIS = 1_500;

    /** A rendered map tile. */
    static final class Point {
        final long id;
        final double lat;
        final double lon;
        final byte[] tile = new byte[8 * 1024];

        Point(long id) {
            this.id = id;
            this.lat = (id % 180_000) / 1000.0 - 90;
            this.lon = (id % 360_000) / 1000.0 - 180;
        }
    }

    /** An access-order LRU map. */
    static final class BoundedLru<K, V> extends LinkedHashMap<K, V> {
        private final int max;

        BoundedLru(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
        }
    }

    static final Map<Long, Point> LOCAL_POINT_CACHE = Collections.synchronizedMap(new BoundedLru<>(MAX_ENTRIES));

    private static final AtomicLong NEXT_ID = new AtomicLong(MAX_ENTRIES);
    private static volatile boolean running = true;

    private SynchronizedLru() {
    }

    static Point lookup(long id) {
        Point p = LOCAL_POINT_CACHE.get(id);
        if (p == null) {
            p = new Point(id);
            LOCAL_POINT_CACHE.put(id, p);
        }
        return p;
    }

    private static void serve() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long sink = 0;
        while (running) {
            long id = rnd.nextInt(8) == 0 ? NEXT_ID.incrementAndGet() : NEXT_ID.get() - rnd.nextInt(MAX_ENTRIES);
            sink += lookup(id).id;
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    public static void main(String[] args) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(SynchronizedLru::serve, "tile-request-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(RUN_MILLIS);
        running = false;
        for (Thread t : threads) {
            t.join(5_000);
        }
        int size = LOCAL_POINT_CACHE.size();
        long walked = LruRace.listLength(LOCAL_POINT_CACHE, 4L * size + 10);
        System.out.printf("LOCAL_POINT_CACHE: size %d, list walk %d, %d distinct points requested%n", size, walked,
                NEXT_ID.get());
        SelfDump.check(size == MAX_ENTRIES && walked == size, "size " + size + ", list walk " + walked);
        SelfDump.liveHeap(args[0]);
    }
}
