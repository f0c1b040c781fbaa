package io.leakhound.live.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Times as files write them, in milliseconds: epoch seconds or milliseconds (told apart by size), ISO-8601
 * with or without an offset, a space instead of {@code T}. Times without an offset are read as UTC: only
 * differences between samples matter (a daylight-saving jump in a local-time log shows as a one-hour gap).
 */
public final class Timestamps {
    /** Numbers above this are epoch milliseconds, below it epoch (or relative) seconds: 1e11 s is year 5138. */
    static final double MILLIS_ABOVE = 1e11;

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** Parses a time; throws {@link IllegalArgumentException} when it is none of the forms above. */
    public static long parseMillis(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        char c = t.charAt(0);
        if (t.length() < 10 || t.charAt(4) != '-') {
            if (Character.isDigit(c) || c == '.' || c == '-') {
                return numberMillis(Double.parseDouble(t));
            }
        }
        try {
            var parsed = LOCAL.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime o) {
                return o.toInstant().toEpochMilli();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not a time: '" + t + "'");
            }
        }
    }

    /** A number of epoch seconds or milliseconds, in milliseconds. */
    public static long numberMillis(double v) {
        return Math.abs(v) >= MILLIS_ABOVE ? Math.round(v) : Math.round(v * 1000);
    }
}
