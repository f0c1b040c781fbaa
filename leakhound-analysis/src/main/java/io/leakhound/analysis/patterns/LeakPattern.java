package io.leakhound.analysis.patterns;

import java.util.Optional;

/**
 * One known leak mistake. A pattern looks at the evidence of one suspect (holder, path, accumulation point,
 * what piles up) and says whether the suspect is an instance of it, why, and how to fix it. Implementations
 * are stateless; the order in {@link LeakPatterns#all()} decides which of several matching patterns wins.
 */
public interface LeakPattern {
    /** The id from the report contract, e.g. {@code unbounded-collection}. */
    String id();

    /** A match when the suspect is an instance of this pattern. */
    Optional<PatternMatch> match(SuspectEvidence evidence);
}
