package io.leakhound.analysis;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/** Keeps the {@code n} nodes with the largest scores seen, in O(n) memory and no object per offer. */
final class TopN {
    private final int n;
    private final long[] nodes;
    private final long[] scores;
    private int size;

    TopN(int n) {
        this.n = Math.max(0, n);
        this.nodes = new long[this.n];
        this.scores = new long[this.n];
    }

    void offer(long node, long score) {
        if (n == 0) {
            return;
        }
        if (size < n) {
            nodes[size] = node;
            scores[size] = score;
            size++;
            siftUp(size - 1);
        } else if (score > scores[0]) {
            nodes[0] = node;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept nodes, largest score first. */
    long[] nodesDescending() {
        LongArrayList out = new LongArrayList();
        long[] ns = java.util.Arrays.copyOf(nodes, size);
        long[] ss = java.util.Arrays.copyOf(scores, size);
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(ss[b], ss[a]));
        for (int i : order) {
            out.add(ns[i]);
        }
        return out.toLongArray();
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && scores[l] < scores[m]) {
                m = l;
            }
            if (r < size && scores[r] < scores[m]) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        long tn = nodes[a];
        nodes[a] = nodes[b];
        nodes[b] = tn;
        long ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }
}
