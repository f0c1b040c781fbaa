package io.leakhound.cli.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * A service for {@code watch} tests, in a child JVM: every request makes 16 KB of garbage, and one request in four
 * also leaves a {@link LeakedSession} (4 KB of state) in a static list, about 1 MB/s. Prints {@code started}, runs
 * for the given seconds (argument 1), then exits.
 */
public final class SlowLeakApp {
    static final List<LeakedSession> SESSIONS = new ArrayList<>();

    /** What leaks. */
    static final class LeakedSession {
        final byte[] state = new byte[4096];
        final long createdAt = System.nanoTime();
    }

    private SlowLeakApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        long end = System.currentTimeMillis() + Long.parseLong(args[0]) * 1000;
        long sink = 0;
        System.out.println("started");
        System.out.flush();
        long start = System.currentTimeMillis();
        long requests = 0;
        for (long now = start; now < end; now = System.currentTimeMillis()) {
            long due = (now - start); // one request per millisecond
            while (requests < due) {
                byte[] garbage = new byte[16 * 1024];
                garbage[requests % garbage.length == 0 ? 0 : 1] = 1;
                sink += garbage.length;
                if (requests % 4 == 0) {
                    SESSIONS.add(new LeakedSession());
                }
                requests++;
            }
            Thread.sleep(2);
        }
        System.out.println(SESSIONS.size() + " " + sink);
    }
}
