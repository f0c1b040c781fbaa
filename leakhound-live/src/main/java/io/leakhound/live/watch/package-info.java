/**
 * Watching a running JVM: {@link io.leakhound.live.watch.JvmTarget} reaches it (Attach API by PID, a JMX
 * service URL, or this JVM), {@link io.leakhound.live.watch.Watcher} subscribes to its GC notifications and
 * keeps the leak verdict current, {@link io.leakhound.live.watch.LiveSetCollector} picks live-set samples by
 * the GC-log reader's rule, {@link io.leakhound.live.watch.ClassHistograms} ranks growing classes from class
 * histograms, and {@link io.leakhound.live.watch.HeapDumper} takes owner-only heap dumps. Used by
 * {@code leakhound watch} and by the {@code -javaagent}.
 */
package io.leakhound.live.watch;
