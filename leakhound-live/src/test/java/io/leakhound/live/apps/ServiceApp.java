package io.leakhound.live.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service in a child JVM for the end-to-end tests: a bounded LRU cache filled at start, then one new entry
 * (evicting the eldest) every millisecond, under the garbage of {@link Churn}; evicted entries have lived long and die
 * in the old generation. A leaking service also keeps {@code leak} bytes per second in a static list forever.
 * No {@code System.gc()}: the collector decides. Arguments: seconds to run, cache bytes, leaked bytes per second,
 * and optionally seconds over which the cache fills (from empty, at a steady rate) before it stays full. Prints
 * {@code started} when running, then a summary at the end.
 */
public final class ServiceApp {
    static final List<Object> LEAKED = new ArrayList<>();
    private static final int ENTRY = 8 * 1024;

    private ServiceApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        long seconds = Long.parseLong(args[0]);
        int entries = (int) (Long.parseLong(args[1]) / ENTRY);
        long leakRate = Long.parseLong(args[2]);
        long fillMillis = args.length > 3 ? Long.parseLong(args[3]) * 1000 : 0;
        int[] capacity = {fillMillis > 0 ? 0 : entries};
        Map<Long, byte[]> cache = new LinkedHashMap<>(entries * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > capacity[0];
            }
        };
        long key = 0;
        while (key < capacity[0]) {
            cache.put(key++, new byte[ENTRY]);
        }
        long first = key;
        Churn churn = new Churn();
        long start = System.currentTimeMillis();
        long leaked = 0;
        System.out.println("started");
        System.out.flush();
        for (long elapsed = 0; elapsed < seconds * 1000; elapsed = System.currentTimeMillis() - start) {
            churn.catchUp(elapsed);
            capacity[0] = fillMillis > 0 ? (int) Math.min(entries, entries * elapsed / fillMillis) : entries;
            long due = first + elapsed; // one new entry per millisecond: 8 MB/s through the cache
            while (key < due) {
                cache.put(key++, new byte[ENTRY]);
            }
            cache.get(key - 1 - (key % 100));
            while (leaked < leakRate * elapsed / 1000) {
                LEAKED.add(new byte[4096]);
                leaked += 4096 + 16;
            }
            Thread.sleep(5);
        }
        System.out.println(cache.size() + " " + LEAKED.size() + " " + churn.sink);
    }
}
