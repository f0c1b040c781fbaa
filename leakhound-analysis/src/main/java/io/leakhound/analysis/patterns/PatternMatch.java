package io.leakhound.analysis.patterns;

/**
 * A suspect recognized as a known pattern.
 *
 * @param pattern the pattern id from the report contract
 * @param finding what was seen, in a few words that finish the suspect's title (no heap values)
 * @param advice the fix, concretely
 */
public record PatternMatch(String pattern, String finding, String advice) {
}
