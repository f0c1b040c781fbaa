package io.leakhound.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The open records of a tracker, found by their resource's identity: 64 stripes, each an open hash table of
 * chained records under its own lock, keyed by {@link System#identityHashCode}. A record is found with
 * {@link Record#refersTo}, so the table never holds a resource strongly (a {@code WeakHashMap} would call the
 * resource's {@code equals} and {@code hashCode}, which a resource may override or which may fail).
 */
final class Registry {
    private static final int STRIPES = 64;
    private final Stripe[] stripes = new Stripe[STRIPES];

    private static final class Stripe {
        Record[] table = new Record[8];
        int size;
    }

    Registry() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ h >>> 13;
    }

    private Stripe stripe(int hash) {
        return stripes[hash & (STRIPES - 1)];
    }

    private static int bucket(Stripe s, int hash) {
        return (hash >>> 6) & (s.table.length - 1);
    }

    /** The open record of {@code resource}, or null. */
    Record find(Object resource, int hash) {
        Stripe s = stripe(hash);
        synchronized (s) {
            if (s.size == 0) {
                return null;
            }
            for (Record r = s.table[bucket(s, hash)]; r != null; r = r.next) {
                if (r.hash == hash && r.refersTo(resource)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** Adds {@code record} unless its resource has a record already; returns the record that is in the table. */
    Record addIfAbsent(Record record, Object resource) {
        Stripe s = stripe(record.hash);
        synchronized (s) {
            int b = bucket(s, record.hash);
            for (Record r = s.table[b]; r != null; r = r.next) {
                if (r.hash == record.hash && r.refersTo(resource)) {
                    return r;
                }
            }
            record.next = s.table[b];
            s.table[b] = record;
            if (++s.size > s.table.length * 3 / 4) {
                grow(s);
            }
            return record;
        }
    }

    private static void grow(Stripe s) {
        Record[] old = s.table;
        s.table = new Record[old.length * 2];
        for (Record head : old) {
            for (Record r = head; r != null;) {
                Record next = r.next;
                int b = bucket(s, r.hash);
                r.next = s.table[b];
                s.table[b] = r;
                r = next;
            }
        }
    }

    /** Removes {@code record}; true when it was there. */
    boolean remove(Record record) {
        Stripe s = stripe(record.hash);
        synchronized (s) {
            int b = bucket(s, record.hash);
            Record prev = null;
            for (Record r = s.table[b]; r != null; prev = r, r = r.next) {
                if (r == record) {
                    if (prev == null) {
                        s.table[b] = r.next;
                    } else {
                        prev.next = r.next;
                    }
                    r.next = null;
                    s.size--;
                    return true;
                }
            }
            return false;
        }
    }

    /** The records that pass {@code filter}, stripe by stripe (each stripe consistent on its own). */
    List<Record> select(Predicate<Record> filter) {
        List<Record> out = new ArrayList<>();
        for (Stripe s : stripes) {
            synchronized (s) {
                for (Record head : s.table) {
                    for (Record r = head; r != null; r = r.next) {
                        if (filter.test(r)) {
                            out.add(r);
                        }
                    }
                }
            }
        }
        return out;
    }
}
