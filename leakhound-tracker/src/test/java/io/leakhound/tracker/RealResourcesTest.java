package io.leakhound.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real resources left open and dropped: a file, a loopback socket, an H2 connection (with a password in its
 * URL). Each is reported once, as collected without close(), with the opening stack at this file's line; the
 * closed counterparts report nothing.
 */
class RealResourcesTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    ResourceTracker tracker;
    final List<LeakReport> reports = new ArrayList<>();

    /** A file input stream that tracks itself, as a library would. */
    static final class TrackedFileInput extends FileInputStream {
        private final Tracked handle;

        TrackedFileInput(ResourceTracker tracker, File file) throws FileNotFoundException {
            super(file);
            handle = tracker.track(this, "file");
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                handle.close();
            }
        }
    }

    @BeforeEach
    void tracker() {
        tracker = ResourceTracker.create();
        tracker.setLevel(Level.ALL);
        tracker.setLogging(false);
        tracker.addListener(r -> {
            synchronized (reports) {
                reports.add(r);
            }
        });
    }

    @AfterEach
    void noneLeftOpen() {
        assertThat(tracker.openCount()).isZero();
    }

    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    private LeakReport onlyReport(String kind) {
        tracker.collect(WAIT); // leaks are reported before it returns (by it, or by the tracker's thread meanwhile)
        assertThat(reports).hasSize(1);
        LeakReport r = reports.get(0);
        assertThat(r.resource().kind()).isEqualTo(kind);
        return r;
    }

    private void openFileAndDropIt(File f, int[] openedAt) throws IOException {
        openedAt[0] = line() + 1;
        FileInputStream in = new TrackedFileInput(tracker, f);
        assertThat(in.read()).isEqualTo('x');
    }

    @Test
    void aFileInputStreamDroppedUnclosedIsReportedWhereItWasOpened() throws IOException {
        File f = Files.writeString(dir.resolve("data.txt"), "x").toFile();
        int[] line = new int[1];
        openFileAndDropIt(f, line);
        LeakReport r = onlyReport("file");
        assertThat(r.resource().className()).isEqualTo(TrackedFileInput.class.getName());
        assertThat(r.resource().site()).isEqualTo(getClass().getName() + ".openFileAndDropIt(RealResourcesTest.java:"
                + line[0] + ")");
        assertThat(r.headline()).startsWith("leak: file " + TrackedFileInput.class.getName()
                + " collected without close(), opened ").endsWith(" at " + r.resource().site());
        assertThat(r.format()).contains("  opened at\n    at " + TrackedFileInput.class.getName() + ".<init>(")
                .contains("\n    at " + r.resource().site() + "\n");
        assertThat(tracker.counts()).containsExactly(new KindCounts("file", 0, 1, 0, 1));
    }

    @Test
    void aClosedFileInputStreamReportsNothing() throws IOException {
        File f = Files.writeString(dir.resolve("data.txt"), "x").toFile();
        try (FileInputStream in = new TrackedFileInput(tracker, f)) {
            assertThat(in.read()).isEqualTo('x');
        }
        tracker.collect(WAIT);
        assertThat(reports).isEmpty();
        assertThat(tracker.counts()).containsExactly(new KindCounts("file", 0, 1, 1, 0));
    }

    private void connectAndDrop(ServerSocket server, int[] openedAt) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        openedAt[0] = line() + 1; // the stack is taken where the resource is tracked
        tracker.track(s, "socket");
        s.getOutputStream().write(1);
    }

    @Test
    void aLoopbackSocketNeverClosedIsReportedAndAClosedOneIsNot() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            try (Socket closed = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                tracker.track(closed, "socket");
                closed.getOutputStream().write(1);
                assertThat(tracker.close(closed)).isTrue();
                assertThat(tracker.close(closed)).as("a second close is no event").isFalse();
            }
            tracker.collect(WAIT);
            assertThat(reports).isEmpty();
            int[] line = new int[1];
            connectAndDrop(server, line);
            LeakReport r = onlyReport("socket");
            assertThat(r.resource().site()).endsWith(".connectAndDrop(RealResourcesTest.java:" + line[0] + ")");
            assertThat(tracker.counts()).containsExactly(new KindCounts("socket", 0, 2, 1, 1));
        }
    }

    private void connectToH2AndDrop(String url, int[] openedAt) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        openedAt[0] = line() + 1;
        tracker.track(c, "jdbc-connection");
        c.createStatement().execute("select 1");
    }

    @Test
    void anH2ConnectionNeverClosedIsReportedWithoutItsUrlOrPassword() throws SQLException {
        String url = "jdbc:h2:mem:tracker;USER=sa;PASSWORD=hunter2-secret";
        try (Connection keep = DriverManager.getConnection(url)) { // keeps the in-memory database alive
            try (Connection closed = DriverManager.getConnection(url)) {
                tracker.track(closed, "jdbc-connection");
            } finally {
                // what the agent's hook on Connection.close does
            }
            assertThat(reports).isEmpty();
            int[] line = new int[1];
            connectToH2AndDrop(url, line);
            tracker.collect(WAIT);
            List<LeakReport> leaks = reports.stream().filter(r -> r.resource().site().contains("connectToH2AndDrop"))
                    .toList();
            assertThat(leaks).hasSize(1);
            LeakReport r = leaks.get(0);
            assertThat(r.resource().site()).endsWith("(RealResourcesTest.java:" + line[0] + ")");
            assertThat(r.resource().className()).startsWith("org.h2.jdbc.");
            assertThat(r.format()).doesNotContain("hunter2").doesNotContain("jdbc:h2");
        }
        // the closed connection was never marked closed here (no hook): it is reported once it is collected
        tracker.collect(WAIT);
        assertThat(reports).hasSize(2);
    }
}
