package io.leakhound.analysis.patterns;

import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.ObjectReader;
import io.leakhound.hprof.BasicType;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code callback-accumulation}: a registry (list, set, map) whose elements are mostly lambdas or anonymous
 * classes — listeners and callbacks registered per request or per object and never removed. Names the
 * classes the callbacks capture, which is usually what they leak.
 */
public final class CallbackAccumulation implements LeakPattern {
    /** Share of the direct elements that must be callbacks. */
    static final double MIN_SHARE = 0.5;
    private static final int SAMPLE = 64;

    @Override
    public String id() {
        return "callback-accumulation";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        if (JdkCollections.collectionOf(e) < 0 || e.elements() < 2) {
            return Optional.empty();
        }
        long callbacks = e.countContents(JdkCollections::isCallbackClass);
        if (callbacks < MIN_SHARE * e.elements()) {
            return Optional.empty();
        }
        Set<String> captured = capturedClasses(e);
        String finding = callbacks + " callbacks (lambdas or anonymous classes) registered and never removed"
                + (captured.isEmpty() ? "" : ", capturing " + String.join(", ", captured));
        return Optional.of(new PatternMatch(id(), finding, "Unregister each listener when its owner is done"
                + " (in finally/close; make register() return a handle that removes it), or hold listeners"
                + " weakly; never capture per-request objects in a callback that lives in a global registry."));
    }

    /** Classes of the objects held by the fields of a sample of the callbacks. */
    private static Set<String> capturedClasses(SuspectEvidence e) {
        Set<String> out = new LinkedHashSet<>();
        ObjectReader reader = e.reader();
        for (long element : e.sampleElements(SAMPLE)) {
            long callback = callbackAt(e, element);
            if (callback < 0) {
                continue;
            }
            ObjectReader.Instance inst = reader.instance(callback);
            if (inst == null) {
                continue;
            }
            ClassInfo type = inst.type();
            for (int i = 0; i < type.fieldNames().length && out.size() < 4; i++) {
                if (type.fieldTypes()[i] != BasicType.OBJECT || type.fieldNames()[i].equals("this$0")) {
                    continue;
                }
                long target = e.index().nodeOf(inst.valueAt(i));
                if (target >= 0) {
                    out.add(e.className(target));
                }
            }
        }
        return out;
    }

    /** The element itself when it is a callback, or the callback inside a collection entry. */
    private static long callbackAt(SuspectEvidence e, long element) {
        if (JdkCollections.isCallbackClass(e.className(element))) {
            return element;
        }
        var g = e.index().graph();
        for (long i = g.start(element); i < g.end(element); i++) {
            long t = g.target(i);
            if (JdkCollections.isCallbackClass(e.className(t))) {
                return t;
            }
        }
        return -1;
    }
}
