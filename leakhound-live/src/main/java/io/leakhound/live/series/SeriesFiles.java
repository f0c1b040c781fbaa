package io.leakhound.live.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a series file in a given format or, with {@link SeriesFormat#AUTO}, the detected one. */
public final class SeriesFiles {
    private SeriesFiles() {
    }

    /**
     * Reads {@code file}. Never writes.
     *
     * @throws SeriesFormatException when the file is missing, unreadable, of unknown format or holds no samples
     */
    public static MemorySeries read(Path file, SeriesFormat format, ReadOptions options) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new SeriesFormatException(name + " is a directory");
        }
        try {
            if (Files.size(file) == 0) {
                throw new SeriesFormatException(name + " is empty");
            }
            SeriesFormat f = format == SeriesFormat.AUTO ? detect(file) : format;
            try (BufferedReader in = open(file)) {
                return readerFor(f).read(in, name, options);
            }
        } catch (NoSuchFileException e) {
            throw new SeriesFormatException("no such file: " + name);
        } catch (AccessDeniedException e) {
            throw new SeriesFormatException("permission denied: " + name);
        } catch (IOException e) {
            throw new SeriesFormatException("cannot read " + name + ": " + e.getMessage());
        }
    }

    /** Reads a series from text already in memory (for tests and for callers that hold the text). */
    public static MemorySeries read(String text, SeriesFormat format, ReadOptions options) {
        SeriesFormat f = format == SeriesFormat.AUTO ? FormatDetector.detect(text) : format;
        if (f == null) {
            throw new SeriesFormatException("cannot tell the format; pass --format (" + SeriesFormat.ids() + ")");
        }
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(text))) {
            return readerFor(f).read(in, "input", options);
        } catch (IOException e) {
            throw new SeriesFormatException("cannot read input: " + e.getMessage());
        }
    }

    private static SeriesFormat detect(Path file) throws IOException {
        char[] head = new char[FormatDetector.HEAD_CHARS];
        int n;
        try (Reader in = open(file)) {
            n = in.read(head);
        }
        String text = new String(head, 0, Math.max(n, 0));
        if (text.indexOf('\0') >= 0) {
            throw new SeriesFormatException(file + " is not a text file");
        }
        SeriesFormat f = FormatDetector.detect(text);
        if (f == null) {
            throw new SeriesFormatException("cannot tell the format of " + file + "; pass --format ("
                    + SeriesFormat.ids() + ")");
        }
        return f;
    }

    private static BufferedReader open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    }

    static SeriesReader readerFor(SeriesFormat format) {
        switch (format) {
            case GC_LOG: return new GcLogReader();
            case LUA: return new LuaLogReader();
            case GO_MEMSTATS: return new GoMemStatsReader();
            case PROMETHEUS: return new PrometheusReader();
            case CSV: return new CsvReader();
            default: throw new IllegalArgumentException("no reader for " + format);
        }
    }
}
