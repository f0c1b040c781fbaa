package io.leakhound.benchmarks.tracker;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An open/close-heavy loop on real resources: open a file, read a byte, close it; connect a loopback socket and
 * close it. Without the agent it is the baseline; {@code bench/tracker-overhead.sh} runs it again with
 * {@code -javaagent:leakhound-agent.jar=resources=off|sampled|all} ({@code -jvmArgsAppend}) for the agent's
 * effect at each level.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FileOpenClose {
    File file;
    ServerSocket server;
    Thread acceptor;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.writeString(Files.createTempFile("leakhound-bench-", ".txt"), "leakhound").toFile();
        server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();
                } catch (IOException e) {
                    // closed at tear-down
                }
            }
        }, "bench-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
        Files.deleteIfExists(file.toPath());
    }

    @Benchmark
    public int openReadCloseFile() throws IOException {
        try (FileInputStream in = new FileInputStream(file)) {
            return in.read();
        }
    }

    @Benchmark
    public boolean connectCloseSocket() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            return s.isConnected();
        }
    }
}
