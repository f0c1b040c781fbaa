package io.leakhound.heap.index;

import io.leakhound.hprof.GcRootKind;

/**
 * The GC roots of a dump after id resolution: per root its object (node), kind, thread serial and frame
 * number (-1 when the kind has none). Roots whose object is missing from the dump are dropped and counted.
 */
public final class GcRoots {
    private final long[] nodes;
    private final byte[] kinds;
    private final int[] threads;
    private final int[] frames;
    private final long dangling;

    GcRoots(long[] nodes, byte[] kinds, int[] threads, int[] frames, long dangling) {
        this.nodes = nodes;
        this.kinds = kinds;
        this.threads = threads;
        this.frames = frames;
        this.dangling = dangling;
    }

    /** Number of root entries (an object may be a root several times, with different kinds). */
    public int count() {
        return nodes.length;
    }

    public long node(int i) {
        return nodes[i];
    }

    public GcRootKind kind(int i) {
        return GcRootKind.values()[kinds[i]];
    }

    public int threadSerial(int i) {
        return threads[i];
    }

    public int frameNumber(int i) {
        return frames[i];
    }

    /** Roots that named objects missing from the dump. */
    public long dangling() {
        return dangling;
    }

    /** The distinct root nodes, in first-seen order, for graph traversals. */
    public long[] distinctNodes() {
        it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet set = new it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet();
        for (long n : nodes) {
            set.add(n);
        }
        return set.toLongArray();
    }

    /** Index of the first root entry for a node, or -1. Linear; for reports. */
    public int firstEntryOf(long node) {
        int best = -1;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == node && (best < 0 || rank(kind(i)) < rank(kind(best)))) {
                best = i;
            }
        }
        return best;
    }

    /** Preference when an object is a root several times: the most telling kind first. */
    private static int rank(GcRootKind k) {
        return switch (k) {
            case STICKY_CLASS -> 0;
            case JAVA_FRAME -> 1;
            case THREAD_OBJECT -> 2;
            case JNI_GLOBAL -> 3;
            case JNI_LOCAL -> 4;
            case MONITOR_USED -> 5;
            default -> 6;
        };
    }
}
