package io.leakhound.analysis.collections;

import io.leakhound.hprof.BasicType;

/**
 * One reference field by name, with its offset remembered for the last class seen: reading the same field of
 * many entries of one or two classes (a map's nodes, a list's links) costs a class lookup and one read each.
 * Given several names, the first one a class has is used ({@code key}, else {@code referent} for weak entries).
 * Not thread-safe; make one per walk.
 */
public final class FieldSlot {
    private final HeapFields fields;
    private final String[] names;
    private int lastClass = -1;
    private int lastOffset = -1;

    FieldSlot(HeapFields fields, String... names) {
        this.fields = fields;
        this.names = names.clone();
    }

    /** The node the field of {@code holder} points to; -1 for null, a missing object, or no such field. */
    public long node(long holder) {
        if (holder < 0) {
            return CollectionInfo.NONE;
        }
        int c = fields.index().classNumberOf(holder);
        if (c != lastClass) {
            HeapFields.Layout l = fields.layout(c);
            lastOffset = -1;
            for (String name : names) {
                int i = l.find(name);
                if (i >= 0 && l.types[i] == BasicType.OBJECT) {
                    lastOffset = l.offsets[i];
                    break;
                }
            }
            lastClass = c;
        }
        return lastOffset < 0 ? CollectionInfo.NONE : fields.reader().fieldNode(holder, lastOffset);
    }
}
