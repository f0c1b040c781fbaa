package io.leakhound.live.series;

/** A series file cannot be used: unreadable, unknown format, no samples. The message is one line. */
public final class SeriesFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SeriesFormatException(String message) {
        super(message);
    }
}
