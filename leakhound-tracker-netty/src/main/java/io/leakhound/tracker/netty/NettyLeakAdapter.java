package io.leakhound.tracker.netty;

import io.leakhound.tracker.RefCounted;
import io.leakhound.tracker.ResourceTracker;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakHint;
import io.netty.util.ResourceLeakTracker;
import java.lang.ref.Reference;

/**
 * Routes Netty's leak detection ({@code ByteBuf} and every other resource Netty tracks) to a leakhound
 * {@link ResourceTracker}, through Netty's {@link ResourceLeakDetectorFactory} hook: Netty's leaks arrive as
 * leakhound {@code LeakReport}s (kind {@code netty-ByteBuf}, ...), in the same counters, listeners and
 * checkpoints, and leakhound's level and sampling decide what is tracked.
 *
 * <p>Call {@link #install} before Netty creates its detectors, that is before the first buffer class is used
 * (at start-up): {@code AbstractByteBuf} makes its detector once, when it is initialized. Netty's own level
 * still chooses its wrappers: {@code SIMPLE} (Netty's default) reports where a buffer was allocated,
 * {@code ADVANCED} and {@code PARANOID} also record its accesses; {@code DISABLED} tracks nothing.
 */
public final class NettyLeakAdapter {
    private NettyLeakAdapter() {
    }

    /** Installs the adapter on the {@linkplain ResourceTracker#global() global tracker}. */
    public static void install() {
        install(ResourceTracker.global());
    }

    /** Installs the adapter on {@code tracker}. */
    public static void install(ResourceTracker tracker) {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Factory(tracker));
    }

    /** The kind of a resource Netty tracks: {@code netty-} and its simple class name. */
    static String kind(Class<?> type) {
        return "netty-" + type.getSimpleName();
    }

    private static final class Factory extends ResourceLeakDetectorFactory {
        private final ResourceTracker tracker;

        Factory(ResourceTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new Detector<>(resource, tracker);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new Detector<>(resource, tracker);
        }
    }

    /** Netty's detector with its tracking replaced: Netty's own sampling and reporting never run. */
    private static final class Detector<T> extends ResourceLeakDetector<T> {
        private final ResourceTracker tracker;
        private final String kind;

        Detector(Class<?> resource, ResourceTracker tracker) {
            super(resource, 1);
            this.tracker = tracker;
            this.kind = NettyLeakAdapter.kind(resource);
        }

        @Override
        public ResourceLeakTracker<T> track(T obj) {
            RefCounted handle = tracker.refCounts().track(obj, kind);
            return handle.tracked() ? new Leak<>(handle) : null;
        }

        @Override
        public ResourceLeakTracker<T> trackForcibly(T obj) {
            return track(obj);
        }
    }

    /**
     * One tracked Netty resource. Netty calls {@link #close} on the release that brings the count to zero, and
     * {@link #record} on accesses, retains and releases alike (its advanced levels): they are kept as accesses.
     */
    private static final class Leak<T> implements ResourceLeakTracker<T> {
        private final RefCounted handle;

        Leak(RefCounted handle) {
            this.handle = handle;
        }

        @Override
        public void record() {
            handle.touch();
        }

        @Override
        public void record(Object hint) {
            // a hint Netty writes itself (a pipeline handler's name) is code; any other object only by its class
            handle.touch(hint instanceof ResourceLeakHint h ? h.toHintString()
                    : hint == null ? null : "hint " + hint.getClass().getName());
        }

        @Override
        public boolean close(T trackedObject) {
            try {
                return handle.close();
            } finally {
                Reference.reachabilityFence(trackedObject);
            }
        }
    }
}
