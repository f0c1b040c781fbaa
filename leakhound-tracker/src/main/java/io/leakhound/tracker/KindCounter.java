package io.leakhound.tracker;

import java.util.concurrent.atomic.LongAdder;

/** The live counters of one kind of resource (LongAdders: opens on many threads never contend on one word). */
final class KindCounter {
    final String kind;
    final LongAdder opened = new LongAdder();
    final LongAdder closed = new LongAdder();
    final LongAdder leaked = new LongAdder();

    KindCounter(String kind) {
        this.kind = kind;
    }

    KindCounts snapshot() {
        long c = closed.sum();
        long l = leaked.sum();
        long o = opened.sum();
        return new KindCounts(kind, Math.max(0, o - c - l), o, c, l);
    }
}
