/**
 * Leak suspects: where memory piles up in the dominator tree ({@link io.leakhound.analysis.suspects.SuspectSearch}),
 * who holds it, what accumulates, and which known pattern it is
 * ({@link io.leakhound.analysis.suspects.SuspectDiagnosis}).
 */
package io.leakhound.analysis.suspects;
