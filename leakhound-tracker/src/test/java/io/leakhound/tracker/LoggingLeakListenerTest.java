package io.leakhound.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default listener on {@code System.Logger} (here backed by java.util.logging, as in a JVM with no logging
 * set up): one warning per leak with its stack, at most ten a minute, what was held back counted in the next.
 */
class LoggingLeakListenerTest {
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Logger jul = Logger.getLogger(LoggingLeakListener.LOGGER);
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        jul.addHandler(handler);
        jul.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        jul.removeHandler(handler);
        jul.setUseParentHandlers(true);
    }

    private static void dropOne(ResourceTracker t) {
        t.track(new Object(), "widget");
    }

    @Test
    void theDefaultListenerLogsAWarningWithTheStack() {
        ResourceTracker t = ResourceTracker.create();
        t.setLevel(Level.ALL);
        List<LeakReport> reports = new CopyOnWriteArrayList<>();
        t.addListener(reports::add);
        dropOne(t);
        t.collect(Duration.ofSeconds(10));
        assertThat(reports).hasSize(1);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(logged.get(0).getMessage()).startsWith("leak: widget java.lang.Object collected without close()")
                .contains("\n  opened at\n    at " + getClass().getName() + ".dropOne(LoggingLeakListenerTest.java:");
        t.setLogging(false);
        dropOne(t);
        t.collect(Duration.ofSeconds(10));
        assertThat(reports).hasSize(2);
        assertThat(logged).hasSize(1);
    }

    @Test
    void atMostTenAMinuteAndTheRestIsCountedInTheNextLine() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        LoggingLeakListener l = new LoggingLeakListener(now::get);
        ResourceTracker t = ResourceTracker.create();
        t.setLevel(Level.ALL);
        t.setLogging(false);
        List<LeakReport> reports = new CopyOnWriteArrayList<>();
        t.addListener(reports::add);
        dropOne(t);
        t.collect(Duration.ofSeconds(10));
        assertThat(reports).hasSize(1);
        LeakReport r = reports.get(0);
        for (int i = 0; i < 15; i++) {
            l.leaked(r);
        }
        assertThat(logged).hasSize(LoggingLeakListener.PER_MINUTE);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        l.leaked(r);
        assertThat(logged).hasSize(LoggingLeakListener.PER_MINUTE + 1);
        assertThat(logged.get(LoggingLeakListener.PER_MINUTE).getMessage())
                .endsWith("(5 more leaks not logged before this one: at most 10 a minute)");
    }
}
