/**
 * Reads memory time series from files into a {@link io.leakhound.live.series.MemorySeries}: one reader per
 * format, {@link io.leakhound.live.series.FormatDetector} to tell them apart and
 * {@link io.leakhound.live.series.SeriesFiles} as the entry point. Readers are streaming (one line at a time,
 * except Prometheus JSON, which is one document), never write, and report unusable input with a one-line
 * {@link io.leakhound.live.series.SeriesFormatException}.
 */
package io.leakhound.live.series;
