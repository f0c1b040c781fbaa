package io.leakhound.analysis.scenarios;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Leak: {@code leaked-reference-count}.</b> A message decoder leases reference-counted buffers from a pool
 * that tracks every leased buffer until its count drops to zero. The decoder releases the buffer after
 * handling a message, but a malformed message throws before the {@code release()} (no {@code finally}), so
 * every malformed message leaves its buffer registered with a count above zero. Small frames use
 * {@link RefCountedBuffer} (an {@code int refCnt}), large ones {@link AtomicRefCountedBuffer} (an
 * {@code AtomicInteger refCount}); handled messages retain the buffer once more for an async step that does
 * release it.
 *
 * <p>Expected diagnosis: holder the singleton {@code RefCountLeak$BufferPool.INSTANCE}, field {@code leased}
 * ({@code java.util.concurrent.ConcurrentHashMap}), pattern {@code leaked-reference-count}, accumulated
 * elements {@code RefCountLeak$RefCountedBuffer} (refCnt 1) and {@code RefCountLeak$AtomicRefCountedBuffer}
 * (refCount 1), {@link #leakedInt()} + {@link #leakedAtomic()} of them with 32 KB each (about 25 MB). The
 * pool's free list holds a few recycled buffers with a count of 0, which are not leaked.
 */
public final class RefCountLeak {
    public static final int MESSAGES = 7_500;
    static final int BUFFER_BYTES = 32 * 1024;

    /** Whether message {@code i} is malformed (its buffer leaks). */
    public static boolean malformed(int i) {
        return i % 10 == 7;
    }

    /** Whether message {@code i} is a large frame (an {@link AtomicRefCountedBuffer}). */
    public static boolean large(int i) {
        return i % 3 == 0;
    }

    public static int leakedInt() {
        int n = 0;
        for (int i = 0; i < MESSAGES; i++) {
            n += malformed(i) && !large(i) ? 1 : 0;
        }
        return n;
    }

    public static int leakedAtomic() {
        int n = 0;
        for (int i = 0; i < MESSAGES; i++) {
            n += malformed(i) && large(i) ? 1 : 0;
        }
        return n;
    }

    /** What the pool hands out. */
    interface RefCounted {
        int id();

        void retain();

        /** Returns true when this release dropped the count to zero. */
        boolean release();
    }

    /** Netty-style buffer with a plain int count (updated under the buffer's lock). */
    static final class RefCountedBuffer implements RefCounted {
        final int id;
        final byte[] memory;
        private int refCnt = 1;

        RefCountedBuffer(int id, byte[] memory) {
            this.id = id;
            this.memory = memory;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public synchronized void retain() {
            refCnt++;
        }

        @Override
        public synchronized boolean release() {
            return --refCnt == 0;
        }
    }

    /** A buffer with an atomic count. */
    static final class AtomicRefCountedBuffer implements RefCounted {
        final int id;
        final ByteBuffer memory;
        private final AtomicInteger refCount = new AtomicInteger(1);

        AtomicRefCountedBuffer(int id, ByteBuffer memory) {
            this.id = id;
            this.memory = memory;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public void retain() {
            refCount.incrementAndGet();
        }

        @Override
        public boolean release() {
            return refCount.decrementAndGet() == 0;
        }
    }

    /** The pool: leased buffers are tracked until released; released memory is recycled. */
    static final class BufferPool {
        static final BufferPool INSTANCE = new BufferPool();
        static final int FREE_MAX = 8;

        /** Every buffer handed out and not yet fully released. */
        final Map<Integer, RefCounted> leased = new ConcurrentHashMap<>();
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();
        private int nextId;

        synchronized RefCounted lease(boolean large) {
            int id = ++nextId;
            byte[] memory = free.isEmpty() ? new byte[BUFFER_BYTES] : free.poll();
            RefCounted b = large ? new AtomicRefCountedBuffer(id, ByteBuffer.wrap(memory))
                    : new RefCountedBuffer(id, memory);
            leased.put(id, b);
            return b;
        }

        void release(RefCounted b) {
            if (b.release()) {
                synchronized (this) {
                    leased.remove(b.id());
                    if (free.size() < FREE_MAX) {
                        free.offer(b instanceof RefCountedBuffer r ? r.memory : ((AtomicRefCountedBuffer) b).memory.array());
                    }
                }
            }
        }
    }

    private RefCountLeak() {
    }

    static void decode(int i) {
        RefCounted buf = BufferPool.INSTANCE.lease(large(i));
        if (malformed(i)) {
            // the bug: thrown before release, and the caller only logs
            throw new IllegalArgumentException("malformed frame " + i);
        }
        buf.retain(); // for the async handler
        BufferPool.INSTANCE.release(buf); // the async handler is done
        BufferPool.INSTANCE.release(buf); // the decoder is done
    }

    public static void main(String[] args) throws Exception {
        int errors = 0;
        for (int i = 0; i < MESSAGES; i++) {
            try {
                decode(i);
            } catch (IllegalArgumentException e) {
                errors++;
            }
        }
        int leaked = leakedInt() + leakedAtomic();
        SelfDump.check(errors == leaked && BufferPool.INSTANCE.leased.size() == leaked,
                "expected " + leaked + " leaked buffers, have " + BufferPool.INSTANCE.leased.size());
        SelfDump.liveHeap(args[0]);
    }
}
