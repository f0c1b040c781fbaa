package io.leakhound.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.tracker.KindCounts;
import io.leakhound.tracker.LeakReport;
import io.leakhound.tracker.Level;
import io.leakhound.tracker.ResourceTracker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Netty buffers through the adapter: a pooled direct {@code ByteBuf} whose {@code release()} an exception
 * skips is reported as a leakhound leak with the allocating line of this file; released buffers report nothing;
 * at Netty's advanced level the accesses come along. Netty's detector is made once per JVM (when
 * {@code AbstractByteBuf} is initialized), so one tracker serves the whole class.
 */
class NettyLeakAdapterTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final ResourceTracker TRACKER = ResourceTracker.create();
    static final List<LeakReport> REPORTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void install() {
        TRACKER.setLevel(Level.ALL);
        TRACKER.setLogging(false);
        TRACKER.addListener(REPORTS::add);
        NettyLeakAdapter.install(TRACKER);
    }

    @BeforeEach
    void clean() {
        TRACKER.collect(WAIT);
        REPORTS.clear();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    private static void parse(ByteBuf buf) {
        if (buf.readableBytes() < 100) {
            throw new IllegalArgumentException("short message");
        }
    }

    private static void handleWithoutFinally(int[] allocatedAt) {
        allocatedAt[0] = line() + 1;
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        buf.writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
        try {
            parse(buf);
            buf.release(); // skipped: parse throws
        } catch (IllegalArgumentException e) {
            // the error path forgets the release
        }
    }

    @Test
    void aPooledBufferWhoseReleaseAnExceptionSkipsIsReportedAtItsAllocation() {
        long leakedBefore = leaked();
        int[] line = new int[1];
        handleWithoutFinally(line);
        TRACKER.collect(WAIT);
        assertThat(REPORTS).hasSize(1);
        LeakReport r = REPORTS.get(0);
        assertThat(r.resource().kind()).isEqualTo("netty-ByteBuf");
        assertThat(r.resource().className()).startsWith("io.netty.buffer.");
        assertThat(r.resource().site()).isEqualTo(getClass().getName() + ".handleWithoutFinally("
                + "NettyLeakAdapterTest.java:" + line[0] + ")");
        assertThat(r.headline()).contains("collected without release()");
        assertThat(r.format()).doesNotContain("hello");
        assertThat(leaked()).isEqualTo(leakedBefore + 1);
    }

    @Test
    void releasedBuffersReportNothing() {
        for (int i = 0; i < 100; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            pooled.retain();
            pooled.release();
            pooled.release();
            ByteBuf heap = Unpooled.buffer(32).writeInt(i);
            heap.release();
        }
        TRACKER.collect(WAIT);
        assertThat(REPORTS).isEmpty();
        assertThat(TRACKER.refCounts().retained()).isEmpty();
    }

    private static void touchAndDrop() {
        ByteBuf buf = Unpooled.directBuffer(16);
        buf.writeLong(42);
        buf.retain();
        buf.release();
    }

    @Test
    void atNettysAdvancedLevelTheAccessesComeAlong() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.ADVANCED);
        touchAndDrop();
        TRACKER.collect(WAIT);
        assertThat(REPORTS).hasSize(1);
        LeakReport r = REPORTS.get(0);
        assertThat(r.resource().accesses()).isNotEmpty();
        assertThat(r.format()).contains("last accesses").contains(".touchAndDrop(NettyLeakAdapterTest.java:");
    }

    private static long leaked() {
        return TRACKER.counts().stream().filter(c -> c.kind().equals("netty-ByteBuf")).mapToLong(KindCounts::leaked)
                .sum();
    }
}
