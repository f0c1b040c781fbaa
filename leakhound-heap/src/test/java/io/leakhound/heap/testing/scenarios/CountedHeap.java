package io.leakhound.heap.testing.scenarios;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.leakhound.heap.testing.ClassHistogram;
import java.lang.management.ManagementFactory;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A heap with exactly known contents, run in a child JVM: writes HotSpot's class histogram, then dumps the
 * heap (live objects only). Arguments: dump path, histogram path.
 */
public final class CountedHeap {
    public static final int LEAVES = 12_345;
    public static final int PAYLOAD = 100;
    public static final int CHAIN = 50_000;
    public static final int ARRAYS = 7;
    public static final int ARRAY_LENGTH = 33;
    public static final int WEAKLY_HELD = 500;

    /** Held by {@link Holder#LEAVES}, each with its own payload. */
    public static final class Leaf {
        final int n;
        final byte[] payload;
        Leaf sibling;

        Leaf(int n) {
            this.n = n;
            this.payload = new byte[PAYLOAD];
        }
    }

    /** A long singly linked chain, deeper than any recursion could walk. */
    public static final class ChainLink {
        ChainLink next;
        long value;
    }

    /** Only softly reachable (a soft reference survives the dump's GC): counted apart, retained by nothing. */
    public static final class WeaklyHeld {
        final long[] data = new long[4];
    }

    /** Referenced only from a local variable of a parked thread. */
    public static final class FrameLocal {
        final int[] data = new int[10];
    }

    /** A subclass with its own fields over an inherited layout. */
    public static class Base {
        Object baseRef;
        int baseInt;
    }

    public static final class Derived extends Base {
        Object derivedRef;
        short s;
    }

    /** The static holders the paths must lead to. */
    public static final class Holder {
        public static final List<Leaf> LEAVES_LIST = new ArrayList<>();
        static ChainLink chainHead;
        static final Leaf[][] ARRAYS_OF_LEAVES = new Leaf[ARRAYS][];
        static final List<SoftReference<WeaklyHeld>> SOFT = new ArrayList<>();
        static Derived derived;
    }

    private CountedHeap() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < LEAVES; i++) {
            Leaf l = new Leaf(i);
            if (i > 0) {
                l.sibling = Holder.LEAVES_LIST.get(i - 1);
            }
            Holder.LEAVES_LIST.add(l);
        }
        ChainLink head = null;
        for (int i = 0; i < CHAIN; i++) {
            ChainLink c = new ChainLink();
            c.next = head;
            c.value = i;
            head = c;
        }
        Holder.chainHead = head;
        for (int a = 0; a < ARRAYS; a++) {
            Leaf[] arr = new Leaf[ARRAY_LENGTH];
            for (int i = 0; i < ARRAY_LENGTH; i += 2) {
                arr[i] = Holder.LEAVES_LIST.get(i);
            }
            Holder.ARRAYS_OF_LEAVES[a] = arr;
        }
        for (int i = 0; i < WEAKLY_HELD; i++) {
            Holder.SOFT.add(new SoftReference<>(new WeaklyHeld()));
        }
        Derived d = new Derived();
        d.baseRef = Holder.LEAVES_LIST.get(0);
        d.derivedRef = Holder.LEAVES_LIST.get(1);
        Holder.derived = d;
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> holdLocal(parked, release), "frame-holder");
        t.setDaemon(true);
        t.start();
        parked.await();
        ClassHistogram.write(Path.of(args[1]));
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(args[0], true);
        release.countDown();
    }

    private static void holdLocal(CountDownLatch parked, CountDownLatch release) {
        FrameLocal local = new FrameLocal();
        parked.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (local.data.length != 10) {
            throw new AssertionError();
        }
    }
}
