/** The static entry points the agent's instrumentation of JDK and JDBC classes calls; not for applications. */
package io.leakhound.tracker.hooks;
