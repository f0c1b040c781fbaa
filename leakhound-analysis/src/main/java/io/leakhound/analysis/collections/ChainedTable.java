package io.leakhound.analysis.collections;

import java.util.function.LongUnaryOperator;

/**
 * Walks hash tables whose buckets are singly linked chains ({@code HashMap}, {@code Hashtable},
 * {@code WeakHashMap}, Guava segments), in table order then chain order. Treeified {@code HashMap} bins are
 * still chained by {@code next}. Capped at twice the table length plus the map's size, with a loop check per
 * chain.
 */
final class ChainedTable {
    private final HeapFields fields;
    private final long[] tables;
    private final String[] keyFields;
    private final String valueField;
    private final LongUnaryOperator valueOf;
    private final long size;

    /**
     * @param keyFields the key's field names, the first a class has ({@code key}, or {@code referent} for weak entries)
     * @param valueOf maps the value field's node to the value (Guava's value references), or identity
     */
    ChainedTable(HeapFields fields, long[] tables, String[] keyFields, String valueField, LongUnaryOperator valueOf,
                 long size) {
        this.fields = fields;
        this.tables = tables.clone();
        this.keyFields = keyFields.clone();
        this.valueField = valueField;
        this.valueOf = valueOf;
        this.size = size;
    }

    ChainedTable(HeapFields fields, long table, String keyField, String valueField, long size) {
        this(fields, new long[] {table}, new String[] {keyField}, valueField, LongUnaryOperator.identity(), size);
    }

    /** Total slots of the tables. */
    long capacity() {
        long c = 0;
        for (long t : tables) {
            c += Math.max(0, fields.arrayLength(t));
        }
        return c;
    }

    Walk walk(long limit, EntryVisitor visitor) {
        Steps steps = new Steps(2 * capacity() + Math.max(size, 0), limit, visitor);
        FieldSlot key = fields.slot(keyFields);
        FieldSlot value = fields.slot(valueField);
        FieldSlot next = fields.slot("next");
        CycleGuard guard = new CycleGuard();
        for (long table : tables) {
            int n = fields.arrayLength(table);
            for (int i = 0; i < n; i++) {
                if (!steps.step()) {
                    return steps.result();
                }
                guard.reset();
                for (long e = fields.element(table, i); e >= 0; e = next.node(e)) {
                    if (guard.loops(e)) {
                        return new Walk(steps.result().visited(), Walk.End.CYCLE);
                    }
                    if (!steps.step() || !steps.visit(key.node(e), valueOf.applyAsLong(value.node(e)))) {
                        return steps.result();
                    }
                }
            }
        }
        return steps.result();
    }
}
