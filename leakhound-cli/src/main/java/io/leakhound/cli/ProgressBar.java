package io.leakhound.cli;

import io.leakhound.heap.index.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr with the phase name, percentage and ETA; silent when stderr is not a
 * terminal. Redraws at most ten times a second.
 */
final class ProgressBar implements ProgressListener {
    private final PrintStream err;
    private final boolean enabled;
    private String phase = "";
    private long phaseStart;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void progress(String name, long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!name.equals(phase)) {
            phase = name;
            phaseStart = now;
        } else if (now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        double f = total <= 0 ? 0 : Math.min(1, (double) done / total);
        int width = 30;
        int filled = (int) (f * width);
        String eta = "";
        double elapsed = (now - phaseStart) / 1e9;
        if (f > 0.02 && f < 1) {
            eta = " ETA " + duration(elapsed / f - elapsed);
        }
        err.printf(Locale.ROOT, "\r%-12s [%s%s] %3.0f%%%-12s", phase, "=".repeat(filled), " ".repeat(width - filled),
                f * 100, eta);
        err.flush();
        drawn = true;
    }

    /** A duration as a person reads it: {@code 7s}, {@code 2m05s}, {@code 1h02m}. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** Clears the bar line. */
    void finish() {
        if (enabled && drawn) {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
        }
    }
}
