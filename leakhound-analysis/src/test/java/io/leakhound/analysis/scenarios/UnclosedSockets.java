package io.leakhound.analysis.scenarios;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * <b>Leak: {@code unclosed-resource}.</b> An upload relay opens, per upload, a socket to a backend (here a
 * loopback {@link ServerSocket} in the same JVM), a spool file written through a {@link FileChannel} and read
 * back through a {@link FileInputStream}, each upload with a 64 KB relay buffer. The happy path would close
 * them; the uploads here all hit the path that forgets to, and they stay registered in a static map of open
 * uploads. {@value #UPLOADS} sockets, {@value #UPLOADS} channels and {@value #UPLOADS} streams are open when
 * the heap is dumped (the program checks they are not closed).
 *
 * <p>Expected diagnosis: holder static field {@code UnclosedSockets.OPEN_UPLOADS}
 * ({@code java.util.concurrent.ConcurrentHashMap}), pattern {@code unclosed-resource}, accumulated elements
 * {@code UnclosedSockets$Upload}, each holding a {@code java.net.Socket}, a {@code sun.nio.ch.FileChannelImpl}
 * and a {@code java.io.FileInputStream} (and its 64 KB {@code byte[]}; about 20 MB in all). The backend side
 * keeps the {@value #UPLOADS} accepted sockets too (small, held by the acceptor thread).
 */
public final class UnclosedSockets {
    public static final int UPLOADS = 300;
    static final int BUFFER_BYTES = 64 * 1024;

    /** One upload in flight, with everything it opened. */
    static final class Upload {
        final long id;
        final Socket backend;
        final OutputStream toBackend;
        final FileChannel spoolWriter;
        final InputStream spoolReader;
        final byte[] relayBuffer = new byte[BUFFER_BYTES];
        final long openedAt = System.currentTimeMillis();

        Upload(long id, Socket backend, FileChannel spoolWriter, InputStream spoolReader) throws IOException {
            this.id = id;
            this.backend = backend;
            this.toBackend = backend.getOutputStream();
            this.spoolWriter = spoolWriter;
            this.spoolReader = spoolReader;
        }
    }

    /** The leak: uploads are registered when they start and removed only by {@code close}, which never runs. */
    static final Map<Long, Upload> OPEN_UPLOADS = new ConcurrentHashMap<>();

    private UnclosedSockets() {
    }

    static Upload start(long id, InetSocketAddress backend, Path spoolDir) throws IOException {
        Socket s = new Socket();
        s.connect(backend, 5_000);
        Path spool = spoolDir.resolve("upload-" + id + ".part");
        FileChannel writer = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writer.write(ByteBuffer.wrap(("upload " + id + "\n").getBytes()));
        Upload u = new Upload(id, s, writer, new FileInputStream(spool.toFile()));
        OPEN_UPLOADS.put(id, u);
        u.toBackend.write(u.relayBuffer, 0, 128);
        u.spoolReader.read(u.relayBuffer, 0, 16);
        return u;
    }

    public static void main(String[] args) throws Exception {
        Path spoolDir = Files.createTempDirectory("uploads");
        try (ServerSocket server = new ServerSocket(0, UPLOADS, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (accepted.size() < UPLOADS) {
                        accepted.add(server.accept());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "backend-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            for (long id = 1; id <= UPLOADS; id++) {
                start(id, address, spoolDir);
            }
            acceptor.join(10_000);
            SelfDump.check(accepted.size() == UPLOADS, "backend accepted " + accepted.size());
            SelfDump.check(OPEN_UPLOADS.values().stream().noneMatch(u -> u.backend.isClosed() || !u.spoolWriter.isOpen()),
                    "an upload was closed");
            SelfDump.liveHeap(args[0]);
            if (accepted.isEmpty()) {
                throw new AssertionError();
            }
        } finally {
            for (Upload u : OPEN_UPLOADS.values()) {
                u.backend.close();
                u.spoolWriter.close();
                u.spoolReader.close();
            }
            try (Stream<Path> files = Files.walk(spoolDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
