/**
 * Waste findings: memory that is not leaking but could be saved — duplicate strings, empty and sparse
 * collections, boxed primitives. Each finding states the bytes it concerns and never shows heap values.
 */
package io.leakhound.analysis.findings;
