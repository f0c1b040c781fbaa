package io.leakhound.live.series;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads one file format into a series. Implementations keep no state between calls. */
interface SeriesReader {
    /**
     * Reads all samples.
     *
     * @param name the file name, for messages
     * @throws SeriesFormatException when the input holds no usable samples
     */
    MemorySeries read(BufferedReader in, String name, ReadOptions options) throws IOException;
}
