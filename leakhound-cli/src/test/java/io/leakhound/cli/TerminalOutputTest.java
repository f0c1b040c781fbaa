package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar on stderr and when colors are allowed. */
class TerminalOutputTest {
    @Test
    void progressBarShowsPhasePercentAndEtaAndClearsItsLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), true);
        bar.progress("references", 0, 1000);
        Thread.sleep(120);
        bar.progress("references", 250, 1000);
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("\rreferences   [=======").contains(" 25%").containsPattern("ETA \\d+s");
        bar.finish();
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("\r" + " ".repeat(72) + "\r");
    }

    @Test
    void progressBarIsSilentWhenStderrIsNoTerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        bar.progress("scan", 10, 100);
        bar.finish();
        assertThat(err.size()).isZero();
    }

    @Test
    void etaReadsAsMinutesAndHours() {
        assertThat(ProgressBar.duration(7.4)).isEqualTo("7s");
        assertThat(ProgressBar.duration(125)).isEqualTo("2m05s");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1h02m");
        assertThat(ProgressBar.duration(-3)).isEqualTo("0s");
    }

    @Test
    void colorsFollowNoColorAndDumbTerminals() {
        assertThat(Terminal.colorAllowed(null, "xterm-256color")).isTrue();
        assertThat(Terminal.colorAllowed("", "xterm")).isTrue();
        assertThat(Terminal.colorAllowed("1", "xterm")).isFalse();
        assertThat(Terminal.colorAllowed(null, "dumb")).isFalse();
    }
}
