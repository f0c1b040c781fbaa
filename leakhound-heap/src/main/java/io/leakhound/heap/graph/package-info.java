/**
 * Graph algorithms over a {@link io.leakhound.heap.graph.CsrGraph}: the dominator tree (Semi-NCA, iterative,
 * from a virtual root over all GC roots), retained sizes per object and per class, and shortest paths from
 * GC roots (breadth-first). All work on primitive mapped arrays; none recurses, so a linked list millions
 * deep is as cheap as a flat heap.
 */
package io.leakhound.heap.graph;
