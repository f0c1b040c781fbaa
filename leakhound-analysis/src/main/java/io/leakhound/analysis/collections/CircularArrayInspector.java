package io.leakhound.analysis.collections;

import java.util.List;

/**
 * Queues in a circular array: {@code ArrayDeque} ({@code elements} from {@code head} to {@code tail}; no size
 * field, so the size is {@code (tail - head) mod length}, right for JDK 8's power-of-two arrays and JDK 9+'s
 * arrays with one free slot alike) and {@code ArrayBlockingQueue} ({@code items} from {@code takeIndex},
 * {@code count}; bounded by its array's length).
 */
final class CircularArrayInspector implements CollectionInspector {
    private static final String ARRAY_DEQUE = "java.util.ArrayDeque";
    private static final String ARRAY_BLOCKING_QUEUE = "java.util.concurrent.ArrayBlockingQueue";

    @Override
    public List<String> classNames() {
        return List.of(ARRAY_DEQUE, ARRAY_BLOCKING_QUEUE);
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        boolean deque = matched.equals(ARRAY_DEQUE);
        String arrayField = deque ? "elements" : "items";
        if (!f.has(node, arrayField)) {
            return null;
        }
        long array = f.ref(node, arrayField);
        int length = Math.max(0, f.arrayLength(array));
        long start = f.primitive(node, deque ? "head" : "takeIndex", 0);
        long size = deque ? (length == 0 ? 0 : Math.floorMod(f.primitive(node, "tail", 0) - start, length))
                : f.primitive(node, "count", 0);
        long used = Math.max(0, Math.min(size, length));
        Elements walk = (limit, visitor) -> {
            Steps s = new Steps(used, limit, visitor);
            for (long k = 0; k < used && s.step(); k++) {
                if (!s.visit(f.element(array, Math.floorMod(start + k, length)), CollectionInfo.NONE)) {
                    break;
                }
            }
            return s.result();
        };
        CollectionInfo.Builder b = CollectionInfo.builder(node, f.className(node), CollectionKind.QUEUE, matched)
                .size(size, deque).capacity(length).arrays(array).elements(walk);
        if (!deque) {
            b.eviction(Eviction.BOUNDED, "ArrayBlockingQueue of capacity " + length + ": producers block when full",
                    length);
        }
        return b.build();
    }
}
