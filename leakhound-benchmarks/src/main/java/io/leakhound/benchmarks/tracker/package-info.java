/**
 * The resource tracker's cost: {@link io.leakhound.benchmarks.tracker.TrackOpenClose} (the tracker's own work per
 * open and close, per level) and {@link io.leakhound.benchmarks.tracker.FileOpenClose} (a real open/read/close
 * loop, which {@code bench/tracker-overhead.sh} runs without the agent and with it at each level).
 */
package io.leakhound.benchmarks.tracker;
