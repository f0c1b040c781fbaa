package io.leakhound.tracker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.PhantomReference;
import java.util.ArrayList;
import java.util.List;

/**
 * One tracked resource: a phantom reference to it (so it can still be collected, and the collection is seen),
 * its opening stack (a {@link Throwable} whose frames are only resolved when a report needs them), the last
 * accesses, and for reference-counted objects the count and the retains no release matched yet. It is kept
 * strongly by the tracker's {@link Registry} until it is closed or found leaked.
 */
final class Record extends PhantomReference<Object> implements RefCounted {
    static final int OPEN = 0;
    static final int CLOSED = 1;
    static final int LEAKED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Record.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ResourceTracker tracker;
    final KindCounter kind;
    final String className;
    final long sequence;
    final int hash;
    private final long openedNanos;
    private final Throwable openedAt;
    /** Chains records of one bucket in the {@link Registry}; guarded by the registry's stripe. */
    Record next;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    // guarded by this
    private final Access[] accesses;
    private int accessCount;
    private final boolean refCounted;
    private final boolean madeByLibrary;
    private int count;
    private List<Access> retains;

    /** An access kept unresolved: a Throwable is cheap to capture, its frames are resolved only for a report. */
    private record Access(String note, long nanos, Throwable stack) {
        AccessRecord resolve(long openedNanos) {
            return new AccessRecord(note, (nanos - openedNanos) / 1_000_000, Stacks.frames(stack));
        }
    }

    Record(ResourceTracker tracker, Object resource, int hash, KindCounter kind, long sequence, Throwable openedAt,
            int accessRecords, boolean refCounted, boolean madeByLibrary) {
        super(resource, tracker.queue);
        this.tracker = tracker;
        this.kind = kind;
        this.className = resource.getClass().getName();
        this.hash = hash;
        this.sequence = sequence;
        this.openedNanos = System.nanoTime();
        this.openedAt = openedAt;
        this.accesses = accessRecords > 0 ? new Access[accessRecords] : null;
        this.refCounted = refCounted;
        this.madeByLibrary = madeByLibrary;
        this.count = refCounted ? 1 : 0;
    }

    boolean isOpen() {
        return (int) STATE.getVolatile(this) == OPEN;
    }

    /** Open → leaked, once: the tracker's reaper calls it when the resource was collected. */
    boolean markLeaked() {
        return STATE.compareAndSet(this, OPEN, LEAKED);
    }

    @Override
    public boolean close() {
        if (!STATE.compareAndSet(this, OPEN, CLOSED)) {
            return false;
        }
        tracker.closed(this);
        return true;
    }

    @Override
    public boolean tracked() {
        return true;
    }

    @Override
    public void touch(String note) {
        if (accesses != null && isOpen()) {
            Access a = new Access(note, System.nanoTime(), new Throwable());
            synchronized (this) {
                accesses[accessCount++ % accesses.length] = a;
            }
        }
    }

    @Override
    public void retain() {
        if (!refCounted || !isOpen()) {
            return;
        }
        Access a = new Access("retain", System.nanoTime(), new Throwable());
        synchronized (this) {
            count++;
            if (retains == null) {
                retains = new ArrayList<>(2);
            }
            retains.add(a);
        }
    }

    @Override
    public boolean release() {
        if (!refCounted || !isOpen()) {
            return false;
        }
        boolean zero;
        synchronized (this) {
            count--;
            if (retains != null && !retains.isEmpty()) {
                retains.remove(retains.size() - 1);
            }
            zero = count <= 0;
        }
        if (accesses != null && !zero) {
            touch("release");
        }
        return zero && close();
    }

    @Override
    public synchronized int count() {
        return isOpen() ? count : 0;
    }

    TrackedResource snapshot() {
        long age = (System.nanoTime() - openedNanos) / 1_000_000;
        List<AccessRecord> unmatched = new ArrayList<>();
        List<AccessRecord> recent = new ArrayList<>();
        int c;
        int dropped = 0;
        synchronized (this) {
            c = refCounted ? count : -1;
            if (retains != null) {
                for (Access a : retains) {
                    unmatched.add(a.resolve(openedNanos));
                }
            }
            if (accesses != null) {
                int kept = Math.min(accessCount, accesses.length);
                dropped = accessCount - kept;
                for (int i = accessCount - kept; i < accessCount; i++) {
                    recent.add(accesses[i % accesses.length].resolve(openedNanos));
                }
            }
        }
        List<StackTraceElement> frames = Stacks.frames(openedAt);
        return new TrackedResource(kind.kind, className, sequence, age, Stacks.site(frames, className, madeByLibrary),
                frames, c, unmatched, recent, dropped);
    }
}
