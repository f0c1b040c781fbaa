/**
 * The classic leak patterns, one {@link io.leakhound.analysis.patterns.LeakPattern} each, matched against the
 * evidence gathered for a leak suspect ({@link io.leakhound.analysis.patterns.SuspectEvidence}).
 */
package io.leakhound.analysis.patterns;
