package io.leakhound.agent;

import io.leakhound.tracker.ResourceTracker;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A service for the resource agent tests, in a child JVM with the agent: keeps {@code keep} file streams,
 * two NIO file streams, loopback sockets and a JDBC connection open, drops three file streams and a data-source
 * connection without closing them (on {@code collect}), and closes one of each properly. Prints {@code ready} with
 * the lines that opened what; on {@code collect} it drops those and finds them ({@link ResourceTracker#collect}),
 * on {@code exit} (or end of input) it exits.
 */
public final class ResourceLeakingApp {
    static final List<Object> KEPT = new ArrayList<>();
    /** Dropped, unclosed, on {@code collect} (held until then so that no collection finds them too early). */
    static final List<Object> TO_DROP = new ArrayList<>();

    private ResourceLeakingApp() {
    }

    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    private static int openAndKeep(Path file, int n) throws IOException {
        int line = line() + 2;
        for (int i = 0; i < n; i++) {
            KEPT.add(new FileInputStream(file.toFile()));
        }
        return line;
    }

    private static int dropUnclosed(Path file) throws IOException {
        int line = line() + 2;
        for (int i = 0; i < 3; i++) {
            InputStream in = new FileInputStream(file.toFile());
            in.read();
            TO_DROP.add(in);
        }
        return line;
    }

    private static int nioKeep(Path file) throws IOException {
        int line = line() + 2;
        for (int i = 0; i < 2; i++) {
            KEPT.add(Files.newInputStream(file));
        }
        return line;
    }

    private static int connectAndKeep(ServerSocket server) throws IOException {
        int line = line() + 1;
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        KEPT.add(client);
        KEPT.add(server.accept());
        return line;
    }

    private static int jdbcKeep(String url) throws SQLException {
        int line = line() + 1;
        KEPT.add(DriverManager.getConnection(url));
        return line;
    }

    private static int dataSourceDrop() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:app");
        ds.setUser("sa");
        ds.setPassword("s3cret-pw");
        int line = line() + 1;
        Connection c = ds.getConnection();
        c.createStatement().execute("select 1");
        TO_DROP.add(c);
        return line;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int keep = Integer.parseInt(args[1]);
        Path file = Files.writeString(dir.resolve("data.txt"), "leakhound");
        String url = "jdbc:h2:mem:app;USER=sa;PASSWORD=s3cret-pw";
        try (FileInputStream closed = new FileInputStream(file.toFile()); InputStream nio = Files.newInputStream(file)) {
            closed.read();
            nio.read();
        }
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KEPT.add(server);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()); Socket a = server.accept()) {
            s.getOutputStream().write(1);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("select 1");
        }
        int keepLine = openAndKeep(file, keep);
        int nioLine = nioKeep(file);
        int dropLine = dropUnclosed(file);
        int socketLine = connectAndKeep(server);
        int jdbcLine = jdbcKeep(url);
        int dsLine = dataSourceDrop();
        System.out.println("ready keep=" + keepLine + " nio=" + nioLine + " drop=" + dropLine + " socket=" + socketLine
                + " jdbc=" + jdbcLine + " ds=" + dsLine);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String cmd; (cmd = in.readLine()) != null && !cmd.equals("exit");) {
            if (cmd.equals("collect")) {
                TO_DROP.clear();
                System.out.println("collected " + ResourceTracker.global().collect(Duration.ofSeconds(20)));
                System.out.flush();
            }
        }
    }
}
