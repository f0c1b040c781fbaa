package io.leakhound.live.watch;

/**
 * One garbage collection as a GC notification tells it ({@code GarbageCollectionNotificationInfo}).
 *
 * @param endMillis end of the collection, milliseconds since the JVM started
 * @param collector the collector's MXBean name, e.g. {@code G1 Young Generation}, {@code PS MarkSweep}
 * @param action e.g. {@code end of minor GC}, {@code end of major GC}, {@code end of GC cycle}
 * @param cause e.g. {@code G1 Evacuation Pause}, {@code Allocation Failure}, {@code System.gc()}
 * @param heapBeforeBytes heap pools in use before the collection
 * @param heapAfterBytes heap pools in use after it
 * @param oldBeforeBytes old-generation pools ({@code Old}/{@code Tenured} in the name) in use before
 * @param oldAfterBytes old-generation pools in use after
 */
public record GcEvent(long endMillis, String collector, String action, String cause, long heapBeforeBytes,
        long heapAfterBytes, long oldBeforeBytes, long oldAfterBytes) {
}
