package io.leakhound.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.heap.index.ProgressListener;
import io.leakhound.live.series.ByteSizes;
import io.leakhound.live.series.Sample;
import io.leakhound.live.verdict.Durations;
import io.leakhound.live.verdict.TrendResult;
import io.leakhound.live.verdict.Verdict;
import io.leakhound.live.watch.ClassGrowth;
import io.leakhound.live.watch.HeapDumper;
import io.leakhound.live.watch.JvmTarget;
import io.leakhound.live.watch.WatchException;
import io.leakhound.live.watch.Watcher;
import io.leakhound.report.TextReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakhound watch PID|JMX-URL}: is this running JVM leaking, and what holds the memory? */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watches a running JVM and says whether it leaks: leak, no-leak or not-enough-data, with the"
                + " growth rate, a confidence and the time until the limit, from the heap after full and mixed"
                + " collections (GC notifications over JMX). The method is described in docs/leak-verdict.md.",
                "TARGET is a local PID (Attach API; the target's local management agent is started when needed and"
                + " only listens on loopback) or a JMX service URL such as"
                + " service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi.",
                "Runs until --duration, the target's exit or Ctrl-C; then prints the verdict (--json: one object,"
                + " docs/trend-contract.md). A live view is drawn on stderr when it is a terminal.",
                "Watching over JMX costs the target up to about 14 MB of heap: its JMX connector keeps its last"
                + " 1000 notifications. leakhound subtracts that from what it measures; see docs/leak-verdict.md."},
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n", footer = ExitCodes.WATCH_HELP)
public final class WatchCommand implements Callable<Integer> {
    private static final double MB = 1024.0 * 1024;

    @Parameters(paramLabel = "TARGET", description = "PID of a local JVM, or a JMX service URL.")
    String targetArg;

    @Option(names = "--duration", paramLabel = "D",
            description = "Stop after this long, e.g. 90s, 10m, 2h (default: until the target exits or Ctrl-C).")
    String duration;

    @Option(names = "--interval-histogram", paramLabel = "D",
            description = "Take a class histogram every D (at least 1s) and rank classes by sustained growth"
                    + " (growingClasses). Off by default: EACH HISTOGRAM FORCES A FULL GC in the target; the"
                    + " interval is stretched so histograms take at most ~5%% of its time.")
    String histogramInterval;

    @Option(names = "--dump-on-leak", paramLabel = "DIR",
            description = "On the first leak verdict, take a heap dump of live objects into DIR (owner-only file)"
                    + " and diagnose it: who holds the memory. For a remote JVM the file is written on the remote"
                    + " host, in DIR there, and is not analyzed here.")
    Path dumpDir;

    @Option(names = "--limit", paramLabel = "BYTES",
            description = "Memory limit for the time-to-limit forecast, e.g. 2g (default: the target's max heap).")
    String limit;

    @Option(names = "--json", description = "Print one JSON object (docs/trend-contract.md) at the end instead of text.")
    boolean json;

    @Option(names = "--json-lines", description = "Stream one JSON object per sample on stdout, then the final one.")
    boolean jsonLines;

    @Option(names = "--min-span", paramLabel = "D", defaultValue = "1m",
            description = "Say leak only after this much data (default: ${DEFAULT-VALUE}). A cache filling up grows"
                    + " like a leak until it is full: raise it for services whose caches warm slowly.")
    String minLeakSpan;

    @Option(names = "--fail-on-leak", description = "Exit with 1 when the verdict at the end is leak.")
    boolean failOnLeak;

    @Option(names = "--user", paramLabel = "NAME", description = "JMX user name (JMX URLs only).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the JMX password (JMX URLs only; keep it owner-only).")
    Path passwordFile;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    private final Object outLock = new Object();
    private final AtomicBoolean dumpStarted = new AtomicBoolean();
    private final AtomicReference<String> dumpPath = new AtomicReference<>();
    private final AtomicReference<String> dumpNote = new AtomicReference<>();
    private final AtomicReference<AnalysisReport> diagnosis = new AtomicReference<>();
    private final AtomicReference<String> ended = new AtomicReference<>();
    private Thread dumpThread;

    @Override
    public Integer call() throws Exception {
        Duration watchFor = DurationOption.parse("--duration", duration);
        Duration histograms = DurationOption.parse("--interval-histogram", histogramInterval);
        Duration minSpan = DurationOption.parse("--min-span", minLeakSpan);
        if (histograms != null && histograms.compareTo(Watcher.MIN_HISTOGRAM_INTERVAL) < 0) {
            throw new BadUsageException("--interval-histogram must be at least 1s");
        }
        Long limitBytes = TrendCommand.parseLimit(limit);
        JvmTarget target = connect();
        PrintStream err = System.err;
        boolean live = Terminal.stderrIsTerminal() && !jsonLines;
        CountDownLatch end = new CountDownLatch(1);
        CountDownLatch printed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ended.compareAndSet(null, "interrupted");
            end.countDown();
            try {
                printed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leakhound-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.currentTimeMillis();
        Watcher watcher = new Watcher(target.connection(), new Watcher.Options(limitBytes, histograms, 0, 1000, 20, true,
                minSpan.toMillis()),
                new Watcher.Listener() {
                    @Override
                    public void sample(Watcher.Update u) {
                        if (jsonLines) {
                            event(u);
                        }
                        if (dumpDir != null && u.status().result().verdict() == Verdict.LEAK
                                && dumpStarted.compareAndSet(false, true)) {
                            dumpThread = new Thread(() -> dumpAndDiagnose(target), "leakhound-dump");
                            dumpThread.setDaemon(true);
                            dumpThread.start();
                        }
                    }

                    @Override
                    public void tick(Watcher.Status s) {
                        if (live) {
                            synchronized (outLock) {
                                err.print("\r" + liveLine(target, s, System.currentTimeMillis() - started) + "\u001b[K");
                                err.flush();
                            }
                        }
                    }

                    @Override
                    public void failure(String message) {
                        synchronized (outLock) {
                            err.println((live ? "\r\u001b[K" : "") + "leakhound: warning: " + message);
                            err.flush();
                        }
                    }
                });
        int code;
        try {
            try {
                watcher.start();
            } catch (IOException e) {
                throw new BadInputException("lost " + target.description() + " while subscribing: " + e.getMessage());
            }
            target.onLost(() -> {
                ended.compareAndSet(null, "target-exited");
                end.countDown();
            });
            if (watchFor == null) {
                end.await();
            } else if (!end.await(watchFor.toMillis(), TimeUnit.MILLISECONDS)) {
                ended.compareAndSet(null, "duration");
            }
            Watcher.Status s = watcher.refresh();
            watcher.close();
            if (dumpThread != null) {
                dumpThread.join(TimeUnit.MINUTES.toMillis(10));
            }
            target.close();
            if (live) {
                err.print("\r\u001b[K");
                err.flush();
            }
            synchronized (outLock) {
                if (json || jsonLines) {
                    TrendPrinter.json(s.result(), s.series(), s.growing(), dumpPath.get(), g -> extra(g, target, s,
                            System.currentTimeMillis() - started), System.out, !jsonLines);
                } else {
                    text(s, target, System.out);
                }
                System.out.flush();
            }
            code = failOnLeak && s.result().verdict() == Verdict.LEAK ? ExitCodes.LEAK : ExitCodes.OK;
        } finally {
            watcher.close();
            target.close();
            printed.countDown();
            if (!"interrupted".equals(ended.get())) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }
        }
        return code;
    }

    private JvmTarget connect() throws IOException {
        String t = targetArg.strip();
        try {
            if (t.matches("\\d+")) {
                if (user != null || passwordFile != null) {
                    throw new BadUsageException("--user and --password-file are for JMX URLs, not PIDs");
                }
                return JvmTarget.attach(Long.parseLong(t));
            }
            String password = null;
            if (passwordFile != null) {
                if (!Files.isReadable(passwordFile)) {
                    throw new BadUsageException("--password-file: cannot read " + passwordFile);
                }
                List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
                password = lines.isEmpty() ? "" : lines.get(0);
            }
            return JvmTarget.connect(t, user, password);
        } catch (WatchException e) {
            throw switch (e.reason()) {
                case BAD_URL -> new BadUsageException(e.getMessage());
                case ACCESS_REFUSED -> new AccessRefusedException(e.getMessage());
                default -> new BadInputException(e.getMessage());
            };
        }
    }

    private void dumpAndDiagnose(JvmTarget target) {
        try {
            if (!target.local()) {
                dumpPath.set(HeapDumper.dumpRemote(target.connection(), dumpDir.toString(), "remote"));
                dumpNote.set("written on the remote host; not analyzed here");
                return;
            }
            String who = "pid" + target.pid().orElse(0);
            Path file = HeapDumper.dumpLocal(target.connection(), dumpDir, who);
            dumpPath.set(file.toString());
            diagnosis.set(HeapAnalyzer.analyze(file, new AnalyzeOptions(10, false, null, ProgressListener.NONE,
                    AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD)));
        } catch (Exception | OutOfMemoryError e) {
            dumpNote.set("heap dump or its analysis failed: " + e.getMessage());
            synchronized (outLock) {
                System.err.println("leakhound: warning: " + dumpNote.get());
            }
        }
    }

    private void event(Watcher.Update u) {
        Watcher.Status s = u.status();
        Sample sample = u.recorded().sample();
        synchronized (outLock) {
            try {
                TrendPrinter.json(s.result(), s.series(), s.growing(), dumpPath.get(), g -> {
                    g.writeStringField("event", "sample");
                    g.writeStringField("time", Instant.ofEpochMilli(s.jvmStartMillis() + sample.timeMillis()).toString());
                    g.writeNumberField("uptimeSeconds", sample.timeMillis() / 1000.0);
                    g.writeNumberField("bytes", sample.bytes());
                    g.writeBooleanField("liveSet", u.recorded().liveSet());
                    g.writeStringField("collector", u.recorded().collector());
                    g.writeStringField("cause", u.event().cause());
                }, System.out, false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private void extra(JsonGenerator g, JvmTarget target, Watcher.Status s, long elapsedMillis) throws IOException {
        if (jsonLines) {
            g.writeStringField("event", "result");
        }
        g.writeStringField("ended", ended.get());
        g.writeNumberField("watchedSeconds", Math.round(elapsedMillis / 100.0) / 10.0);
        g.writeObjectFieldStart("target");
        g.writeStringField("description", target.description());
        if (target.pid().isPresent()) {
            g.writeNumberField("pid", target.pid().getAsLong());
        } else {
            g.writeNullField("pid");
        }
        g.writeNumberField("collections", s.collections());
        if (s.maxHeapBytes() == null) {
            g.writeNullField("maxHeapBytes");
        } else {
            g.writeNumberField("maxHeapBytes", s.maxHeapBytes());
        }
        g.writeNumberField("histograms", s.histograms());
        g.writeEndObject();
        AnalysisReport report = diagnosis.get();
        if (report == null && dumpNote.get() == null) {
            g.writeNullField("diagnosis");
            return;
        }
        g.writeObjectFieldStart("diagnosis");
        if (dumpNote.get() != null) {
            g.writeStringField("note", dumpNote.get());
        }
        g.writeArrayFieldStart("suspects");
        if (report != null) {
            for (Suspect sp : report.suspects()) {
                g.writeStartObject();
                g.writeNumberField("rank", sp.rank());
                g.writeStringField("title", sp.title());
                g.writeStringField("pattern", sp.pattern());
                g.writeNumberField("retainedBytes", sp.retainedBytes());
                g.writeNumberField("heapShare", Math.round(sp.heapShare() * 1000) / 1000.0);
                g.writeArrayFieldStart("path");
                for (String line : TextReport.PathText.lines(sp.path())) {
                    g.writeString(line.replaceFirst("^[\\s└─]+", ""));
                }
                g.writeEndArray();
                g.writeStringField("advice", sp.advice());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void text(Watcher.Status s, JvmTarget target, PrintStream out) {
        TrendResult r = s.result();
        TrendPrinter.text(r, s.series(), out);
        row(out, "watched", target.description() + ", " + s.collections() + " collections; ended: " + ended.get());
        for (ClassGrowth c : s.growing()) {
            row(out, "growing", String.format(Locale.ROOT, "%s  %+.1f MB/h, %+.0f instances/h", c.className(),
                    c.bytesPerHour() / MB, c.instancesPerHour()));
        }
        if (s.histograms() > 0 && s.growing().isEmpty()) {
            row(out, "growing", "no class grows steadily over " + s.histograms() + " histograms");
        }
        if (dumpPath.get() != null) {
            row(out, "dump", dumpPath.get() + (dumpNote.get() == null ? "" : "  (" + dumpNote.get() + ")"));
        } else if (dumpNote.get() != null) {
            row(out, "dump", dumpNote.get());
        }
        AnalysisReport report = diagnosis.get();
        if (report != null) {
            if (report.suspects().isEmpty()) {
                row(out, "holder", "no leak suspect in the dump (no object retains 10% of the heap)");
            }
            for (Suspect sp : report.suspects().subList(0, Math.min(3, report.suspects().size()))) {
                row(out, "holder", sp.title() + " (" + ByteSizes.format(sp.retainedBytes()) + ")");
                for (String line : TextReport.PathText.lines(sp.path())) {
                    out.println("              " + line);
                }
            }
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "%-11s %s%n", name, value);
    }

    /** The live view: one line, redrawn. */
    static String liveLine(JvmTarget target, Watcher.Status s, long elapsedMillis) {
        TrendResult r = s.result();
        StringBuilder b = new StringBuilder();
        b.append(target.description()).append("  ").append(Durations.format(elapsedMillis / 1000.0));
        b.append("  ").append(s.series().samples().size()).append(' ').append(s.series().kind().id()).append(" samples");
        b.append("  ").append(r.verdict().id());
        if (r.verdict() != Verdict.NOT_ENOUGH_DATA || r.growthBytesPerHour() != 0) {
            b.append(String.format(Locale.ROOT, "  %+.1f MB/h", r.growthBytesPerHour() / MB));
        }
        if (r.liveBytes() != null) {
            b.append("  live ").append(ByteSizes.format(r.liveBytes()));
        }
        if (r.secondsToLimit() != null) {
            b.append("  OOM in ").append(Durations.format(r.secondsToLimit()));
        }
        if (s.limitBytes() != null) {
            b.append(" (limit ").append(ByteSizes.format(s.limitBytes())).append(')');
        }
        return b.toString();
    }
}
