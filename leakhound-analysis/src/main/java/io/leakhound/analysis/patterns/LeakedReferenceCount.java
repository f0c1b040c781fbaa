package io.leakhound.analysis.patterns;

import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.hprof.BasicType;
import java.util.Optional;
import java.util.Set;

/**
 * {@code leaked-reference-count}: the accumulated objects are reference-counted (an int/long field, or an
 * {@code AtomicInteger}/{@code AtomicLong} field, named like {@code refCnt}) and most of them are still above
 * their released value — a {@code release()} skipped, typically on an error path. Netty's encoded
 * {@code refCnt} (twice the count, odd once released) is decoded.
 */
public final class LeakedReferenceCount implements LeakPattern {
    static final Set<String> FIELD_NAMES = Set.of("refCnt", "refCount", "refcount", "refs", "references",
            "referenceCount", "retainCount", "useCount");
    private static final int SAMPLE = 256;
    /** Share of the sampled counted objects that must still be held. */
    static final double MIN_HELD_SHARE = 0.5;

    @Override
    public String id() {
        return "leaked-reference-count";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        int counted = 0;
        int held = 0;
        String countedClass = null;
        for (long element : e.sampleElements(SAMPLE)) {
            long target = countedObject(e, element);
            if (target < 0) {
                continue;
            }
            long count = count(e, target);
            counted++;
            if (count > 0) {
                held++;
            }
            countedClass = e.className(target);
        }
        if (counted < 2 || held < MIN_HELD_SHARE * counted) {
            return Optional.empty();
        }
        String finding = held + " of " + counted + " sampled reference-counted " + simple(countedClass)
                + " objects still have a count above zero (released too rarely)";
        return Optional.of(new PatternMatch(id(), finding, "Release on every path: call release() in a finally"
                + " block (or try-with-resources on a wrapper), including error and timeout paths; in Netty use"
                + " ReferenceCountUtil.release / SimpleChannelInboundHandler, and run tests with"
                + " -Dio.netty.leakDetection.level=paranoid to find the missing release."));
    }

    /** The element, or the object a collection entry holds, when it has a reference-count field; else -1. */
    private static long countedObject(SuspectEvidence e, long element) {
        if (countField(e.index().classOf(element)) >= 0) {
            return element;
        }
        var g = e.index().graph();
        for (long i = g.start(element); i < g.end(element); i++) {
            long t = g.target(i);
            if (e.index().classForClassObject(t) == null && countField(e.index().classOf(t)) >= 0) {
                return t;
            }
        }
        return -1;
    }

    private static int countField(ClassInfo c) {
        String[] names = c.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (FIELD_NAMES.contains(names[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The reference count, decoded; 0 when released or unreadable. */
    private static long count(SuspectEvidence e, long node) {
        ObjectReader.Instance inst = e.reader().instance(node);
        if (inst == null) {
            return 0;
        }
        ClassInfo type = inst.type();
        int f = countField(type);
        BasicType t = type.fieldTypes()[f];
        long raw;
        if (t == BasicType.OBJECT) {
            long atomic = e.index().nodeOf(inst.valueAt(f));
            ObjectReader.Instance a = atomic < 0 ? null : e.reader().instance(atomic);
            if (a == null || !a.has("value")) {
                return 0;
            }
            raw = a.value("value");
        } else {
            raw = inst.valueAt(f);
        }
        if (isNetty(type, e)) {
            return (raw & 1) != 0 ? 0 : raw >>> 1;  // Netty 4.1: real count = raw / 2, odd = released
        }
        return raw;
    }

    private static boolean isNetty(ClassInfo type, SuspectEvidence e) {
        return e.index().classes().isSubclassOf(type, "io.netty.util.AbstractReferenceCounted")
                || e.index().classes().isSubclassOf(type, "io.netty.buffer.AbstractReferenceCountedByteBuf");
    }

    private static String simple(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
