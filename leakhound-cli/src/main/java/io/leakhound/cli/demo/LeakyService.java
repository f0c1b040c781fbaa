package io.leakhound.cli.demo;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's leaking service, run in a child JVM: it handles "requests" that create a session and cache it
 * in a static map that nothing ever evicts (the classic unbounded static cache), alongside healthy garbage,
 * then dumps its own heap. Arguments: dump path, number of sessions.
 */
public final class LeakyService {
    /** The leak: sessions are cached by id and never removed. */
    static final Map<String, Session> SESSIONS = new HashMap<>();

    /** A session with some per-user state. */
    static final class Session {
        final String userId;
        final long createdAt;
        final byte[] state;
        final List<String> recentPages = new ArrayList<>();

        Session(String userId, long createdAt, int stateBytes) {
            this.userId = userId;
            this.createdAt = createdAt;
            this.state = new byte[stateBytes];
        }
    }

    private LeakyService() {
    }

    static void handleRequest(int i) {
        String user = "user-" + i;
        Session s = SESSIONS.computeIfAbsent(user, u -> new Session(u, System.nanoTime(), 512));
        s.recentPages.add("/page/" + (i % 97));
        StringBuilder garbage = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            garbage.append(k).append(user);
        }
        if (garbage.length() == 0) {
            throw new AssertionError();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dump = Path.of(args[0]);
        int sessions = Integer.parseInt(args[1]);
        for (int i = 0; i < sessions; i++) {
            handleRequest(i);
        }
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(dump.toString(), true);
        Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rw-------"));
    }
}
