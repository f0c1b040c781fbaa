import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Micro-benchmark of what the temp arrays' pages cost on tmpfs ({@code /dev/shm}): milliseconds to write one
 * long into every 4 KB page of 256 MB through a file mapping, when the pages are new (a fault and an allocation
 * each), when they are allocated already but not yet mapped (a fault each: writes never map the pages around
 * them), and when one read per 64 KB maps them first (the kernel maps the cached pages around a read fault).
 * Also what allocating the pages costs by a {@code write} of zeros instead of by faults. Run on demand:
 *
 * <pre>java bench/micro/TmpfsPageFaults.java</pre>
 */
public class TmpfsPageFaults {
    private static final int MB = 1 << 20;
    private static final int SIZE = 256 * MB;
    private static final int PAGE = 4096;
    private static final int FAULT_AROUND = 64 << 10;
    private static int sink;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/dev/shm");
        for (int round = 1; round <= 3; round++) {
            try (FileChannel ch = anonymousFile(dir)) {
                long t0 = System.nanoTime();
                writeEveryPage(ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE), 1);
                long t1 = System.nanoTime();
                writeEveryPage(ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE), 2);
                long t2 = System.nanoTime();
                MappedByteBuffer third = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
                long t3 = System.nanoTime();
                for (int at = 0; at < SIZE; at += FAULT_AROUND) {
                    sink += third.get(at);
                }
                writeEveryPage(third, 3);
                long t4 = System.nanoTime();
                System.out.printf("round %d: new pages %.0f ms; cached pages, new mapping %.0f ms;"
                        + " cached pages after a read per 64 KB %.0f ms%n", round, ms(t1 - t0), ms(t2 - t1), ms(t4 - t3));
            }
            try (FileChannel ch = anonymousFile(dir)) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(MB);
                long t0 = System.nanoTime();
                for (long at = 0; at < SIZE; at += MB) {
                    zeros.clear();
                    while (zeros.hasRemaining()) {
                        ch.write(zeros, at + zeros.position());
                    }
                }
                long t1 = System.nanoTime();
                System.out.printf("round %d: allocating the pages by write() of zeros %.0f ms%n", round, ms(t1 - t0));
            }
        }
    }

    private static void writeEveryPage(MappedByteBuffer b, long value) {
        for (int at = 0; at < SIZE; at += PAGE) {
            b.putLong(at, value);
        }
    }

    private static FileChannel anonymousFile(Path dir) throws Exception {
        Path f = Files.createTempFile(dir, "faults-", ".bin");
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Files.delete(f);
        return ch;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
