package io.leakhound.analysis.patterns;

import java.util.List;

/** Which JDK classes are collections, and of what kind, by the base classes a heap dump shows. */
final class JdkCollections {
    private JdkCollections() {
    }

    private static final List<String> MAPS = List.of("java.util.AbstractMap", "java.util.Hashtable",
            "java.util.Dictionary");
    private static final List<String> LISTS = List.of("java.util.AbstractList",
            "java.util.concurrent.CopyOnWriteArrayList");
    private static final List<String> SETS = List.of("java.util.AbstractSet",
            "java.util.concurrent.CopyOnWriteArraySet");
    private static final List<String> QUEUES = List.of("java.util.AbstractQueue", "java.util.ArrayDeque");

    /** {@code map}, {@code list}, {@code set}, {@code queue} or null when the node is not a JDK collection. */
    static String kindOf(SuspectEvidence e, long node) {
        if (node < 0) {
            return null;
        }
        for (String m : MAPS) {
            if (e.isInstanceOf(node, m)) {
                return "map";
            }
        }
        for (String s : SETS) {
            if (e.isInstanceOf(node, s)) {
                return "set";
            }
        }
        for (String q : QUEUES) {
            if (e.isInstanceOf(node, q)) {
                return "queue";
            }
        }
        for (String l : LISTS) {
            if (e.isInstanceOf(node, l)) {
                return "list";
            }
        }
        return null;
    }

    /** The innermost collection on the suspect's chain (the holder first), or -1. */
    static long collectionOf(SuspectEvidence e) {
        if (kindOf(e, e.holder()) != null) {
            return e.holder();
        }
        long[] chain = e.chain();
        for (int i = chain.length - 1; i >= 0; i--) {
            if (kindOf(e, chain[i]) != null) {
                return chain[i];
            }
        }
        return -1;
    }

    /** Whether a class name is a lambda or an anonymous class ({@code Foo$1}). */
    static boolean isCallbackClass(String name) {
        if (name.contains("$$Lambda")) {
            return true;
        }
        int dollar = name.lastIndexOf('$');
        if (dollar < 0 || dollar == name.length() - 1) {
            return false;
        }
        for (int i = dollar + 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
