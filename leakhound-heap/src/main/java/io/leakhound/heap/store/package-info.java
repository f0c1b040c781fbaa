/**
 * Primitive storage for per-object data: long-indexed arrays backed by memory-mapped temp files in a private
 * directory. Files are unlinked as soon as they are mapped, so they vanish when the process ends however it
 * ends; pages are loaded on first touch and can be {@linkplain io.leakhound.heap.store.MappedArray#release()
 * released} between passes so the resident set stays the working set of the current phase.
 */
package io.leakhound.heap.store;
