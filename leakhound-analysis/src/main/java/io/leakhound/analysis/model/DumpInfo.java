package io.leakhound.analysis.model;

import java.util.List;

/**
 * The dump file and how it was read.
 *
 * @param path as given by the user
 * @param bytes size of the file (compressed size for gzip dumps)
 * @param format HPROF format string
 * @param idSize identifier size, 4 or 8
 * @param compressed whether the file was gzip
 * @param timestampMillis when the dump was written
 * @param sizeModel how shallow sizes were computed
 * @param truncated whether the dump ended inside a record
 * @param warnings one line each
 */
public record DumpInfo(String path, long bytes, String format, int idSize, boolean compressed, long timestampMillis,
                       String sizeModel, boolean truncated, List<String> warnings) {
}
