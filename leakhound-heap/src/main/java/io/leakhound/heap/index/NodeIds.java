package io.leakhound.heap.index;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.BigLongArray;

/**
 * Object id ↔ node number. {@link IdIndex} gives an id's rank in address order. For HotSpot dumps (class
 * dumps first, then objects in address order) nodes are numbered by rank, so a lookup is the rank itself and
 * ids come back from the index. Otherwise nodes follow file order, a permutation maps ranks to nodes and the
 * file-order ids are kept.
 */
final class NodeIds implements AutoCloseable {
    private final IdIndex ranks;
    private final BigIntArray nodeByRank;
    private final BigLongArray idByNode;

    NodeIds(IdIndex ranks, BigIntArray nodeByRank, BigLongArray idByNode) {
        this.ranks = ranks;
        this.nodeByRank = nodeByRank;
        this.idByNode = idByNode;
    }

    /** Node number of an id, or -1 when the dump has no object with that id. */
    long nodeOf(long id) {
        long r = ranks.indexOf(id);
        if (r < 0 || nodeByRank == null) {
            return r;
        }
        return Integer.toUnsignedLong(nodeByRank.get(r));
    }

    long idOf(long node) {
        return idByNode == null ? ranks.idAt(node) : idByNode.get(node);
    }

    /** Ids by address rank. */
    IdIndex ranks() {
        return ranks;
    }

    boolean isIdentity() {
        return nodeByRank == null;
    }

    void release() {
        if (idByNode != null) {
            idByNode.release();
        }
    }

    @Override
    public void close() {
        ranks.close();
        if (nodeByRank != null) {
            nodeByRank.close();
        }
        if (idByNode != null) {
            idByNode.close();
        }
    }
}
