package io.leakhound.analysis.collections;

import java.util.List;

/**
 * {@code TreeMap}: a red-black tree from {@code root} ({@code key}, {@code value}, {@code left}, {@code right}),
 * {@code size}. Walked in key order with an explicit stack, never recursion; capped at twice the size so a
 * corrupt tree with a loop ends as {@link Walk.End#CYCLE}.
 */
final class TreeMapInspector implements CollectionInspector {
    @Override
    public List<String> classNames() {
        return List.of("java.util.TreeMap");
    }

    @Override
    public CollectionInfo inspect(CollectionInspectors registry, long node, String matched) {
        HeapFields f = registry.fields();
        if (!f.has(node, "root")) {
            return null;
        }
        long root = f.ref(node, "root");
        long size = f.primitive(node, "size", 0);
        return CollectionInfo.builder(node, f.className(node), CollectionKind.MAP, matched).size(size, false)
                .elements((limit, visitor) -> inOrder(f, root, size, limit, visitor)).build();
    }

    private static Walk inOrder(HeapFields f, long root, long size, long limit, EntryVisitor visitor) {
        FieldSlot left = f.slot("left");
        FieldSlot right = f.slot("right");
        FieldSlot key = f.slot("key");
        FieldSlot value = f.slot("value");
        Steps steps = new Steps(2 * Math.max(size, 0), limit, visitor);
        long[] stack = new long[64];
        int top = 0;
        long e = root;
        while (e >= 0 || top > 0) {
            while (e >= 0) {
                if (!steps.step()) {
                    return steps.result();
                }
                if (top == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = e;
                e = left.node(e);
            }
            e = stack[--top];
            if (!steps.visit(key.node(e), value.node(e))) {
                return steps.result();
            }
            e = right.node(e);
        }
        return steps.result();
    }
}
