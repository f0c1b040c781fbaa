/**
 * The leak verdict: {@link io.leakhound.live.verdict.VerdictEngine} turns a memory series into
 * {@code leak}/{@code no-leak}/{@code not-enough-data} with a growth rate, a confidence and the time left until
 * a limit. The statistics are small single-purpose classes: {@link io.leakhound.live.verdict.TheilSen},
 * {@link io.leakhound.live.verdict.MannKendall}, {@link io.leakhound.live.verdict.RobustTrend} (both, with an
 * autocorrelation correction) and {@link io.leakhound.live.verdict.LowerEnvelope} for sawtooth input. The
 * method and its thresholds are explained in {@code docs/leak-verdict.md}. All classes are pure functions of
 * their input: no I/O, no shared state.
 */
package io.leakhound.live.verdict;
