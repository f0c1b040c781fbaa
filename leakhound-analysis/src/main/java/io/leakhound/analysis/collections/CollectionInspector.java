package io.leakhound.analysis.collections;

import java.util.List;

/**
 * Reads one family of collections (hash maps, array lists, Caffeine caches, ...). The registry picks the
 * inspector whose class name is nearest up the object's superclass chain, so a subclass of a listed class is
 * handled by the same inspector.
 */
public interface CollectionInspector {
    /** Exact names (source form, {@code java.util.HashMap}) of the classes this inspector understands. */
    List<String> classNames();

    /**
     * Inspects {@code node}, whose class is {@code matched} or a subclass of it.
     *
     * @param registry for field reads ({@link CollectionInspectors#fields()}) and for inner collections
     * @return the info, or null when the object does not have the layout this inspector expects
     */
    CollectionInfo inspect(CollectionInspectors registry, long node, String matched);
}
