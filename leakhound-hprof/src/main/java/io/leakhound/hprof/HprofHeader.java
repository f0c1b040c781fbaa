package io.leakhound.hprof;

/**
 * The fixed header of an HPROF file.
 *
 * @param format the format string, {@code JAVA PROFILE 1.0.1} or {@code JAVA PROFILE 1.0.2}
 * @param idSize size of object identifiers in bytes, 4 or 8
 * @param timestampMillis time the dump was written, milliseconds since the epoch
 * @param length bytes taken by the header; the first record starts here
 */
public record HprofHeader(String format, int idSize, long timestampMillis, int length) {
}
