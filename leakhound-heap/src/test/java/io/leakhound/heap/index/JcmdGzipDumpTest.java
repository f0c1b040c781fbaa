package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.IndexSnapshot;
import io.leakhound.heap.testing.scenarios.WaitingHeap;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps of one live JVM taken by {@code jcmd GC.heap_dump}, plain and with {@code -gz=1} (HotSpot's chunked
 * gzip), give the same index.
 */
class JcmdGzipDumpTest {
    @TempDir
    Path dir;

    @Test
    void jcmdGzipDumpReadsLikeThePlainOne() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jcmd = javaHome.resolve("bin").resolve("jcmd");
        Path pidFile = dir.resolve("pid");
        Process child = new ProcessBuilder(javaHome.resolve("bin").resolve("java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), WaitingHeap.class.getName(), pidFile.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(pidFile) && System.currentTimeMillis() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            String pid = Files.readString(pidFile).trim();
            Path plain = dir.resolve("plain.hprof");
            Path gzip = dir.resolve("gz.hprof.gz");
            run(jcmd.toString(), pid, "GC.heap_dump", plain.toString());
            run(jcmd.toString(), pid, "GC.heap_dump", "-gz=1", gzip.toString());
            Files.delete(pidFile);
            child.waitFor(30, TimeUnit.SECONDS);
            try (InputStream in = Files.newInputStream(gzip)) {
                assertThat(in.read()).isEqualTo(0x1F);
            }
            try (HeapIndex a = HeapIndexBuilder.build(plain, new HeapIndexOptions(dir, ProgressListener.NONE));
                 HeapIndex b = HeapIndexBuilder.build(gzip, new HeapIndexOptions(dir, ProgressListener.NONE))) {
                assertThat(b.file().isCompressed()).isTrue();
                assertThat(b.warnings()).isEqualTo(a.warnings());
                long items = 0;
                for (long n = 0; n < b.objectCount(); n++) {
                    if (b.classOf(n).name().equals(WaitingHeap.Item.class.getName())) {
                        items++;
                    }
                }
                assertThat(items).isEqualTo(WaitingHeap.ITEMS);
                // two dumps of one idle JVM: the same objects, apart from what jcmd itself allocated in between
                IndexSnapshot sa = IndexSnapshot.of(a);
                IndexSnapshot sb = IndexSnapshot.of(b);
                assertThat((double) sb.objects().size()).isCloseTo(sa.objects().size(),
                        org.assertj.core.data.Percentage.withPercentage(2));
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .as("the inflated copy is gone").noneMatch(n -> n.startsWith("leakhound-"));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
