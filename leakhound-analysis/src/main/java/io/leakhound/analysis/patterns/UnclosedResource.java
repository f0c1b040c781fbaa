package io.leakhound.analysis.patterns;

import io.leakhound.analysis.model.Suspect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code unclosed-resource}: many sockets, channels, file streams or JDBC connections still reachable under
 * the suspect — opened and kept (in a list, map or pool) instead of closed. Counted from the classes inside
 * the accumulation point.
 */
public final class UnclosedResource implements LeakPattern {
    /** Fewest resources that make a pattern rather than a few long-lived connections. */
    static final long MIN_RESOURCES = 20;

    /** Resource classes and what to call them. */
    private static final Map<String, String> RESOURCES = Map.ofEntries(
            Map.entry("java.net.Socket", "sockets"),
            Map.entry("java.net.ServerSocket", "server sockets"),
            Map.entry("sun.nio.ch.SocketChannelImpl", "socket channels"),
            Map.entry("sun.nio.ch.ServerSocketChannelImpl", "server socket channels"),
            Map.entry("sun.nio.ch.FileChannelImpl", "file channels"),
            Map.entry("java.io.FileInputStream", "file input streams"),
            Map.entry("java.io.FileOutputStream", "file output streams"),
            Map.entry("java.io.RandomAccessFile", "random-access files"),
            Map.entry("java.util.zip.ZipFile", "zip/jar files"));
    private static final List<String> JDBC_PACKAGES = List.of("org.postgresql.", "com.mysql.", "org.h2.",
            "oracle.jdbc.", "com.microsoft.sqlserver.", "org.mariadb.", "org.sqlite.", "org.hsqldb.",
            "org.apache.derby.");

    @Override
    public String id() {
        return "unclosed-resource";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        Map<String, Long> found = new TreeMap<>();
        long total = 0;
        for (Suspect.ElementClass c : e.contents()) {
            String what = RESOURCES.get(c.className());
            if (what == null && isJdbcConnection(c.className())) {
                what = "JDBC connections";
            }
            if (what != null) {
                found.merge(what, c.instances(), Long::sum);
                total += c.instances();
            }
        }
        if (total < MIN_RESOURCES) {
            return Optional.empty();
        }
        StringBuilder finding = new StringBuilder();
        found.forEach((what, n) -> finding.append(finding.length() == 0 ? "" : ", ").append(n).append(' ').append(what));
        finding.append(" still reachable (opened and never closed)");
        return Optional.of(new PatternMatch(id(), finding.toString(), "Close every resource where it is opened:"
                + " try-with-resources, or close in finally; keep connections in a pool with a maximum size and"
                + " idle timeout (HikariCP, Apache HttpClient's pool) instead of a list or map that only grows."));
    }

    private static boolean isJdbcConnection(String className) {
        if (!className.endsWith("Connection") && !className.endsWith("ConnectionImpl")) {
            return false;
        }
        return JDBC_PACKAGES.stream().anyMatch(className::startsWith);
    }
}
