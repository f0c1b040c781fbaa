/**
 * Who opened what and never closed it: {@link io.leakhound.tracker.ResourceTracker} tracks resources that must
 * be closed and {@link io.leakhound.tracker.RefCountTracker} objects that must be released; a tracked object
 * that becomes unreachable while open is reported ({@link io.leakhound.tracker.LeakReport}) with the stack that
 * opened it. Reports name a resource by kind and class only. No dependencies: the agent puts this module on
 * the bootstrap class path for its instrumentation of JDK classes ({@code docs/tracker.md}).
 */
package io.leakhound.tracker;
