package io.leakhound.analysis.collections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The doubly linked list of a {@code LinkedHashMap} ({@code head}, entries' {@code after} and {@code before},
 * {@code tail}) next to its hash table, for telling a sound map from one corrupted by unsynchronized access
 * (an access-order map read under a shared lock loses entries from its list, and {@code removeEldestEntry}
 * stops evicting them). Every walk is iterative and loop-checked. Not thread-safe.
 */
public final class LinkedHashMapLinks {
    private final HeapFields f;
    private final long map;

    LinkedHashMapLinks(HeapFields fields, long map) {
        this.f = fields;
        this.map = map;
    }

    public long map() {
        return map;
    }

    /** The map's {@code size} field. */
    public long size() {
        return f.primitive(map, "size", 0);
    }

    public long head() {
        return f.ref(map, "head");
    }

    public long tail() {
        return f.ref(map, "tail");
    }

    /** Entries reached from {@code head} through {@code after}, counting at most {@code limit}; stops at a loop. */
    public long linkedListLength(long limit) {
        FieldSlot after = f.slot("after");
        CycleGuard guard = new CycleGuard();
        long n = 0;
        for (long e = head(); e >= 0 && n < limit; e = after.node(e)) {
            if (guard.loops(e)) {
                break;
            }
            n++;
        }
        return n;
    }

    /** Entries in the hash table (all bucket chains). */
    public long tableEntryCount() {
        return tableWalk().countElements().visited();
    }

    private CollectionInfo tableWalk() {
        long table = f.ref(map, "table");
        ChainedTable chains = new ChainedTable(f, table, "key", "value", size());
        return CollectionInfo.builder(map, f.className(map), CollectionKind.MAP, HashMapInspector.LINKED_HASH_MAP)
                .elements(chains::walk).build();
    }

    /**
     * Compares list and table in full: walks the list (checking each {@code before} link and that the last
     * entry is {@code tail}), then the table, and counts table entries the list does not reach. Memory: 8 bytes
     * per list entry.
     */
    public Consistency check() {
        long size = size();
        long table = f.ref(map, "table");
        long tableLength = Math.max(0, f.arrayLength(table));
        long cap = 2 * Math.max(size, 0) + 2 * tableLength + 64;
        FieldSlot after = f.slot("after");
        FieldSlot before = f.slot("before");
        CycleGuard guard = new CycleGuard();
        long[] listed = new long[(int) Math.min(Math.max(size, 16), Integer.MAX_VALUE - 16)];
        long length = 0;
        long badBefore = 0;
        boolean listLoops = false;
        long previous = CollectionInfo.NONE;
        for (long e = head(); e >= 0; e = after.node(e)) {
            if (guard.loops(e) || length >= cap) {
                listLoops = true;
                break;
            }
            if (before.node(e) != previous) {
                badBefore++;
            }
            if (length == listed.length) {
                listed = Arrays.copyOf(listed, (int) Math.min((long) listed.length * 2, Integer.MAX_VALUE - 16));
            }
            if (length < listed.length) {
                listed[(int) length] = e;
            }
            length++;
            previous = e;
        }
        boolean tailIsLast = previous == tail();
        long[] sorted = Arrays.copyOf(listed, (int) Math.min(length, listed.length));
        Arrays.sort(sorted);
        long[] notInList = {0};
        long[] tableEntries = {0};
        FieldSlot next = f.slot("next");
        CycleGuard chainGuard = new CycleGuard();
        boolean tableLoops = false;
        long steps = 0;
        outer:
        for (long i = 0; i < tableLength; i++) {
            chainGuard.reset();
            for (long e = f.element(table, i); e >= 0; e = next.node(e)) {
                if (chainGuard.loops(e) || ++steps > cap) {
                    tableLoops = true;
                    break outer;
                }
                tableEntries[0]++;
                if (Arrays.binarySearch(sorted, e) < 0) {
                    notInList[0]++;
                }
            }
        }
        long listNotInTable = listLoops ? -1 : Math.max(0, length - (tableEntries[0] - notInList[0]));
        return new Consistency(size, length, listLoops, tailIsLast, badBefore, tableEntries[0], tableLoops,
                notInList[0], listNotInTable);
    }

    /**
     * What {@link #check()} found.
     *
     * @param size the {@code size} field
     * @param listLength entries reached from {@code head} by {@code after} (up to the loop, if any)
     * @param listLoops whether the list returns to an earlier entry (or runs past any plausible length)
     * @param tailIsLast whether the list's last entry is {@code tail} (an empty list: {@code tail} is null)
     * @param badBeforeLinks entries whose {@code before} is not the entry the list came from
     * @param tableEntries entries in the hash table
     * @param tableLoops whether a bucket chain loops
     * @param tableEntriesNotInList table entries the list does not reach: invisible to iteration and eviction
     * @param listEntriesNotInTable list entries no longer in the table (-1 when the list loops)
     */
    public record Consistency(long size, long listLength, boolean listLoops, boolean tailIsLast, long badBeforeLinks,
                              long tableEntries, boolean tableLoops, long tableEntriesNotInList,
                              long listEntriesNotInTable) {
        /** Whether list, table and size all agree. */
        public boolean consistent() {
            return problems().isEmpty();
        }

        /** One line per disagreement, empty when consistent. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (listLoops) {
                p.add("the linked list loops back to an earlier entry");
            }
            if (tableLoops) {
                p.add("a bucket chain loops");
            }
            if (listLength != size && !listLoops) {
                p.add("linked list has " + listLength + " entries, size is " + size);
            }
            if (tableEntries != size && !tableLoops) {
                p.add("table has " + tableEntries + " entries, size is " + size);
            }
            if (tableEntriesNotInList > 0) {
                p.add(tableEntriesNotInList + " table entries are not reachable through the linked list");
            }
            if (listEntriesNotInTable > 0) {
                p.add(listEntriesNotInTable + " linked-list entries are no longer in the table");
            }
            if (badBeforeLinks > 0) {
                p.add(badBeforeLinks + " entries have a 'before' link that does not point back");
            }
            if (!tailIsLast) {
                p.add("'tail' is not the last entry of the list");
            }
            return p;
        }
    }
}
