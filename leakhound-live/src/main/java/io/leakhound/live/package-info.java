/**
 * Memory over time: {@link io.leakhound.live.series} reads time series of heap usage from files (JVM GC logs,
 * Lua memory logs, Go MemStats, Prometheus, CSV), {@link io.leakhound.live.verdict} decides whether they show a
 * leak. The module does not depend on the heap-dump modules.
 */
package io.leakhound.live;
