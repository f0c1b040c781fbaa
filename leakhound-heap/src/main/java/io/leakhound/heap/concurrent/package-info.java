/** Small helpers for running the index and graph passes on several cores. */
package io.leakhound.heap.concurrent;
