package io.leakhound.analysis.collections;

import java.util.List;

/**
 * {@code ConcurrentHashMap}: {@code table} of nodes ({@code key}, {@code val}, {@code next}); a treeified bin is
 * a {@code TreeBin} whose nodes are chained from {@code first}; during a resize a {@code ForwardingNode} sends
 * the walk to bins {@code i} and {@code i + n} of {@code nextTable}. The size is {@code baseCount} plus the
 * {@code counterCells}; when that sum is negative or a resize is under way, the entries are counted instead.
 */
final class ConcurrentHashMapInspector implements CollectionInspector {
    static final String NAME = "java.util.concurrent.ConcurrentHashMap";

    @Override
    public List<String> classNames() {
        return List.of(NAME);
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!f.has(node, "table")) {
            return null;
        }
        long table = f.ref(node, "table");
        long nextTable = f.ref(node, "nextTable");
        long size = f.primitive(node, "baseCount", 0);
        long cells = f.ref(node, "counterCells");
        for (int i = 0, n = f.arrayLength(cells); i < n; i++) {
            long cell = f.element(cells, i);
            if (cell >= 0) {
                size += f.primitive(cell, "value", 0);
            }
        }
        Bins bins = new Bins(registry, table, Math.max(size, 0));
        boolean counted = size < 0 || nextTable >= 0;
        if (counted) {
            size = bins.walk(Long.MAX_VALUE, (k, v) -> true).visited();
        }
        Bins walker = new Bins(registry, table, size);
        return CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched).size(size, counted)
                .capacity(Math.max(0, f.arrayLength(table))).arrays(table, nextTable).elements(walker::walk).build();
    }

    /** The bin walk. */
    private static final class Bins {
        private final CollectionInspectors registry;
        private final HeapFields f;
        private final long table;
        private final long size;

        Bins(CollectionInspectors registry, long table, long size) {
            this.registry = registry;
            this.f = registry.fields();
            this.table = table;
            this.size = size;
        }

        Walk walk(long limit, EntryVisitor visitor) {
            int treeBin = registry.classNumber(NAME + "$TreeBin");
            int forwarding = registry.classNumber(NAME + "$ForwardingNode");
            int reservation = registry.classNumber(NAME + "$ReservationNode");
            FieldSlot key = f.slot("key");
            FieldSlot val = f.slot("val", "value");
            FieldSlot next = f.slot("next");
            FieldSlot first = f.slot("first");
            FieldSlot nextTable = f.slot("nextTable");
            int n = Math.max(0, f.arrayLength(table));
            long cap = 2L * n + size;
            // pending bins of forwarded tables: (table, index) pairs, a few at a time
            long[] stack = new long[16];
            int top = 0;
            Steps steps = new Steps(cap * 3, limit, visitor);
            CycleGuard guard = new CycleGuard();
            for (int i = 0; i < n; i++) {
                stack[top++] = table;
                stack[top++] = i;
                while (top > 0) {
                    long bin = stack[--top];
                    long t = stack[--top];
                    if (!steps.step()) {
                        return steps.result();
                    }
                    long e = f.element(t, bin);
                    if (e < 0) {
                        continue;
                    }
                    int c = f.index().classNumberOf(e);
                    if (c == forwarding) {
                        long nt = nextTable.node(e);
                        int len = f.arrayLength(t);
                        if (nt >= 0 && top + 4 <= stack.length) {
                            stack[top++] = nt;
                            stack[top++] = bin + len;
                            stack[top++] = nt;
                            stack[top++] = bin;
                        }
                        continue;
                    }
                    if (c == reservation) {
                        continue;
                    }
                    if (c == treeBin) {
                        e = first.node(e);
                    }
                    guard.reset();
                    for (; e >= 0; e = next.node(e)) {
                        if (guard.loops(e)) {
                            return new Walk(steps.result().visited(), Walk.End.CYCLE);
                        }
                        if (!steps.step() || !steps.visit(key.node(e), val.node(e))) {
                            return steps.result();
                        }
                    }
                }
            }
            return steps.result();
        }
    }
}
