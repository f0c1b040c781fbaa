package io.leakhound.benchmarks.tracker;

import io.leakhound.tracker.Level;
import io.leakhound.tracker.RefCounted;
import io.leakhound.tracker.ResourceTracker;
import io.leakhound.tracker.Tracked;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tracker's own cost per resource, at each level: track a fresh object and close it (through its handle, as
 * a library does, and by identity, as the agent's instrumentation does), and a reference-counted object through
 * one retain/release pair. Nothing else is done, so the figures are the tracker's share of any open/close.
 *
 * <pre>mvn -B -q -Pbench -DskipTests package -pl leakhound-benchmarks -am
 * java -jar leakhound-benchmarks/target/benchmarks.jar TrackOpenClose</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackOpenClose {
    @Param({"off", "sampled", "all"})
    String level;

    ResourceTracker tracker;

    @Setup
    public void setUp() {
        tracker = ResourceTracker.create();
        tracker.setLogging(false);
        tracker.setLevel(Level.parse(level));
    }

    @Benchmark
    public Object trackAndCloseHandle() {
        Object resource = new Object();
        Tracked t = tracker.track(resource, "bench");
        t.close();
        return resource;
    }

    @Benchmark
    public Object trackAndCloseByIdentity() {
        Object resource = new Object();
        tracker.track(resource, "bench");
        tracker.close(resource);
        return resource;
    }

    @Benchmark
    public Object refCountedRetainRelease() {
        Object buffer = new Object();
        RefCounted r = tracker.refCounts().track(buffer, "bench");
        r.retain();
        r.release();
        r.release();
        return buffer;
    }
}
