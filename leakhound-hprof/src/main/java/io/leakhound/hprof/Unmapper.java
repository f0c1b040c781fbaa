package io.leakhound.hprof;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Unmaps mapped buffers that are no longer used. Up to JDK 23 this is immediate, through
 * {@code sun.misc.Unsafe.invokeCleaner}. From JDK 24 on that method is terminally deprecated and warns, so
 * the buffer is only dropped and a garbage collection is requested shortly after (requests coalesce): the
 * buffers' cleaners then unmap them.
 */
public final class Unmapper {
    private static final int LAST_JDK_WITH_QUIET_CLEANER = 23;
    private static final long GC_DELAY_MILLIS = 50;

    private static final Method INVOKE_CLEANER;
    private static final Object UNSAFE;
    private static final AtomicBoolean GC_PENDING = new AtomicBoolean();

    static {
        Method m = null;
        Object u = null;
        if (Runtime.version().feature() <= LAST_JDK_WITH_QUIET_CLEANER) {
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                u = f.get(null);
                m = c.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                m = null;
            }
        }
        INVOKE_CLEANER = m;
        UNSAFE = u;
    }

    private Unmapper() {
    }

    /** Whether {@link #unmap} unmaps at once (up to JDK 23) rather than through a later garbage collection. */
    public static boolean unmapsImmediately() {
        return INVOKE_CLEANER != null;
    }

    /** Unmaps a mapped buffer no longer used: at once where possible, else at a garbage collection soon. */
    public static void unmap(ByteBuffer b) {
        if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, b);
                return;
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // fall back to the garbage collector
            }
        }
        requestCollection();
    }

    private static void requestCollection() {
        if (!GC_PENDING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(GC_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            GC_PENDING.set(false);
            System.gc();
        }, "leakhound-unmap");
        t.setDaemon(true);
        t.start();
    }
}
