package io.leakhound.analysis.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.AnalyzeOptions;
import io.leakhound.analysis.HeapAnalyzer;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.heap.index.ProgressListener;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnosis of every scenario program: for each leak, the top suspect names the holder and the pattern
 * (the accuracy table in docs/diagnosis.md); for each healthy look-alike, no suspect carries a pattern.
 */
class DiagnosisAccuracyTest {
    static Stream<Arguments> leaks() {
        return Stream.of(
                Arguments.of(LruRace.class, "static LruRace.LOCAL_POINT_CACHE", "linked-hash-map-corrupted"),
                Arguments.of(UnboundedCache.class, "static UnboundedCache.USER_PROFILES", "unbounded-collection"),
                Arguments.of(PerUserMetrics.class, "static PerUserMetrics$MetricsRegistry.INSTANCE.perUser",
                        "unbounded-collection"),
                Arguments.of(RequestContexts.class, "static RequestContexts.ACTIVE_REQUESTS", "unbounded-collection"),
                Arguments.of(ListenerLeak.class, "static ListenerLeak$EventBus.INSTANCE.listeners",
                        "callback-accumulation"),
                Arguments.of(ThreadLocalLeak.class, null, "thread-local-leak"),
                Arguments.of(UnclosedSockets.class, "static UnclosedSockets.OPEN_UPLOADS", "unclosed-resource"),
                Arguments.of(RefCountLeak.class, "static RefCountLeak$BufferPool.INSTANCE.leased",
                        "leaked-reference-count"),
                Arguments.of(ClassLoaderLeak.class, "static ClassLoaderLeak$HostRegistry.HANDLERS",
                        "class-loader-leak"));
    }

    static Stream<Class<?>> healthy() {
        return Stream.of(BoundedCaffeine.class, BigArray.class, SynchronizedLru.class, PooledSmallThreadLocals.class);
    }

    private static AnalysisReport analyze(Class<?> scenario) {
        Path dump = ScenarioDumps.dump(scenario);
        return HeapAnalyzer.analyze(dump, new AnalyzeOptions(5, false, null, ProgressListener.NONE,
                AnalyzeOptions.DEFAULT_SUSPECT_THRESHOLD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaks")
    void topSuspectNamesHolderAndPattern(Class<?> scenario, String holder, String pattern) {
        AnalysisReport report = analyze(scenario);
        assertThat(report.suspects()).as("suspects of %s", scenario.getSimpleName()).isNotEmpty();
        Suspect top = report.suspects().get(0);
        assertThat(top.pattern()).as(top.title()).isEqualTo(pattern);
        if (holder != null) {
            assertThat(top.title()).startsWith(holder);
        }
        assertThat(top.advice()).isNotBlank();
        assertThat(top.accumulation()).isNotNull();
        // a suspect's retained size is what the dominator tree says of its top object: never above the heap
        assertThat(top.retainedBytes()).isLessThanOrEqualTo(report.heap().reachableBytes());
    }

    /** A leak spread over many holders, none big alone: one group suspect for the threads, not their buffers. */
    @org.junit.jupiter.api.Test
    void manySmallHoldersMakeOneGroupSuspect() {
        AnalysisReport report = analyze(ManyThreadBuffers.class);
        Suspect top = report.suspects().get(0);
        assertThat(top.pattern()).as(top.title()).isEqualTo("thread-local-leak");
        // the 40 connection threads, plus the JVM's own few (main, reference handler, ...)
        assertThat(top.title()).containsPattern("^4[0-9] × java.lang.Thread together retain")
                .contains("set through static ManyThreadBuffers.READ_BUFFER");
        assertThat(top.retainedBytes()).isGreaterThan((long) ManyThreadBuffers.THREADS * ManyThreadBuffers.BUFFER);
        assertThat(report.suspects()).as("the buffers inside the threads are not a second group")
                .noneMatch(s -> s.title().contains("× byte[]") || s.title().contains("ThreadLocalMap together"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healthy")
    void healthyProgramsGetNoPattern(Class<?> scenario) {
        AnalysisReport report = analyze(scenario);
        assertThat(report.suspects()).allSatisfy(s -> assertThat(s.pattern()).as(s.title()).isNull());
    }
}
