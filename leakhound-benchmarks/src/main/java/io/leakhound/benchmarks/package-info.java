/**
 * JMH micro-benchmarks, one class per kernel or API under test, each named after what it measures. Built only
 * with the {@code bench} profile; figures go to {@code docs/performance.md} with the command that made them.
 */
package io.leakhound.benchmarks;
