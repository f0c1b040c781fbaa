package io.leakhound.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Levels, sampling, counters, access records, reference counts, thresholds, checkpoints and the listing. */
class TrackerBehaviourTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    ResourceTracker tracker;
    final List<LeakReport> reports = new CopyOnWriteArrayList<>();

    /** A resource whose toString holds a secret and whose equals/hashCode must never be called. */
    static final class Secretive {
        @Override
        public String toString() {
            return "password=hunter2";
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode called");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("equals called");
        }
    }

    /** A reference-counted object, as a pooled buffer would be. */
    static final class Counted {
        final RefCounted handle;

        Counted(RefCountTracker t) {
            handle = t.track(this, "buffer");
        }
    }

    @BeforeEach
    void tracker() {
        tracker = ResourceTracker.create();
        tracker.setLevel(Level.ALL);
        tracker.setLogging(false);
        tracker.addListener(reports::add);
    }

    @Test
    void levelOffTracksNothingAndSampledAboutOneInN() {
        tracker.setLevel(Level.OFF);
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Object o = new Object();
            keep.add(o);
            assertThat(tracker.track(o, "x")).isSameAs(Tracked.NONE);
        }
        assertThat(tracker.openCount()).isZero();
        tracker.setLevel(Level.SAMPLED);
        tracker.setSamplingInterval(10);
        int tracked = 0;
        for (int i = 0; i < 10_000; i++) {
            Object o = new Object();
            keep.add(o);
            if (tracker.track(o, "x").tracked()) {
                tracked++;
            }
        }
        // binomial(10000, 0.1): mean 1000, standard deviation 30
        assertThat(tracked).isBetween(800, 1200);
        assertThat(tracker.openCount()).isEqualTo(tracked);
        assertThat(Level.parse(" Sampled ")).isEqualTo(Level.SAMPLED);
        assertThatThrownBy(() -> Level.parse("paranoid")).hasMessageContaining("(off, sampled, all)");
        assertThatThrownBy(() -> tracker.setSamplingInterval(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trackingTwiceGivesTheSameHandleAndNeverCallsTheResourcesOwnMethods() {
        Secretive s = new Secretive();
        Tracked a = tracker.track(s, "secret");
        assertThat(tracker.track(s, "secret")).isSameAs(a);
        assertThat(tracker.openCount()).isOne();
        assertThat(tracker.listing().toText(10, 10) + tracker.listing().toJson(10, 10)).doesNotContain("hunter2");
        assertThat(tracker.close(s)).isTrue();
        assertThat(a.close()).isFalse();
        assertThat(tracker.counts()).containsExactly(new KindCounts("secret", 0, 1, 1, 0));
    }

    private void dropSecretive() {
        tracker.track(new Secretive(), "secret").touch("first use");
    }

    @Test
    void aLeakReportKeepsTheLastAccessesAndNamesOnlyKindAndClass() {
        tracker.setAccessRecords(2);
        Object o = new Object();
        Tracked t = tracker.track(o, "x");
        for (int i = 0; i < 5; i++) {
            t.touch("step " + i);
        }
        TrackedResource r = tracker.openResources().get(0);
        assertThat(r.accesses()).extracting(AccessRecord::note).containsExactly("step 3", "step 4");
        assertThat(r.droppedAccesses()).isEqualTo(3);
        assertThat(r.accesses().get(0).stack().get(0).getMethodName())
                .isEqualTo("aLeakReportKeepsTheLastAccessesAndNamesOnlyKindAndClass");
        t.close();
        dropSecretive();
        tracker.collect(WAIT);
        assertThat(reports).hasSize(1);
        String text = reports.get(0).format();
        assertThat(text).contains("last accesses (1 of 1, oldest first):\n    #1 first use, ")
                .contains("at " + getClass().getName() + ".dropSecretive(").doesNotContain("hunter2");
    }

    private Counted retainTwiceThenFail(RefCountTracker refs) {
        Counted c = new Counted(refs);
        c.handle.retain(); // released below
        c.handle.retain(); // the error path skips this one's release
        try {
            c.handle.release();
            throw new IllegalStateException("boom");
        } catch (IllegalStateException e) {
            return c;
        }
    }

    @Test
    void aReferenceCountLeftAboveZeroIsListedAtACheckAndReportedWhenCollected() {
        RefCountTracker refs = tracker.refCounts();
        Counted balanced = new Counted(refs);
        balanced.handle.retain();
        assertThat(balanced.handle.release()).isFalse();
        assertThat(balanced.handle.release()).isTrue();
        assertThat(balanced.handle.count()).isZero();

        Counted leaky = retainTwiceThenFail(refs);
        List<TrackedResource> retained = refs.retained();
        assertThat(retained).hasSize(1);
        assertThat(retained.get(0).refCount()).isEqualTo(2);
        assertThat(retained.get(0).unmatchedRetains()).hasSize(1);
        assertThat(retained.get(0).unmatchedRetains().get(0).stack().get(0).toString())
                .contains("retainTwiceThenFail").contains("TrackerBehaviourTest.java:");
        leaky = null;
        assertThat(leaky).isNull();
        tracker.collect(WAIT);
        assertThat(reports).hasSize(1);
        LeakReport r = reports.get(0);
        assertThat(r.headline()).contains("leak: buffer " + Counted.class.getName()
                + " collected with reference count 2 (release() never brought it to 0)");
        assertThat(r.format()).contains("retains no release matched (1):\n    #1 retain, ");
        assertThat(tracker.counts()).containsExactly(new KindCounts("buffer", 0, 2, 1, 1));
    }

    @Test
    void passingTheThresholdCallsTheListenersOnceUntilTheCountFallsBack() throws Exception {
        List<Long> crossings = new CopyOnWriteArrayList<>();
        List<Integer> groups = new CopyOnWriteArrayList<>(); // listed at each crossing (one per opening line)
        tracker.addListener(new LeakListener() {
            @Override
            public void leaked(LeakReport report) {
            }

            @Override
            public void thresholdPassed(long open, ResourceListing listing) {
                crossings.add(open);
                groups.add(listing.groups().size());
            }
        });
        tracker.setOpenThreshold(10);
        List<Object> open = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Object o = new Object();
            open.add(o);
            tracker.track(o, "x");
        }
        tracker.collect(WAIT); // the report is made on the tracker's thread: wait for it to pass
        assertThat(crossings).containsExactly(11L);
        for (int i = 0; i < 25; i++) {
            tracker.close(open.get(i));
        }
        for (int i = 0; i < 10; i++) {
            Object o = new Object();
            open.add(o);
            tracker.track(o, "x");
        }
        tracker.collect(WAIT);
        assertThat(crossings).containsExactly(11L, 11L);
        assertThat(groups).containsExactly(1, 2);
    }

    @Test
    void aCheckpointSeesOnlyWhatWasOpenedAfterIt() {
        Object before = new Object();
        tracker.track(before, "x");
        try (Checkpoint cp = tracker.checkpoint()) {
            Object left = new Object();
            tracker.track(left, "x");
            dropSecretive();
            Object closed = new Object();
            tracker.track(closed, "x").close();
            Checkpoint.Result r = cp.check(WAIT);
            assertThat(r.clean()).isFalse();
            assertThat(r.stillOpen()).hasSize(1);
            assertThat(r.leaked()).hasSize(1);
            assertThat(r.describe()).contains("1 tracked resource left open:\nopen: x java.lang.Object, opened at "
                    + getClass().getName() + ".aCheckpointSeesOnlyWhatWasOpenedAfterIt(")
                    .contains("leak: secret " + Secretive.class.getName() + " collected without close()");
            tracker.close(left);
            assertThat(cp.stillOpen()).isEmpty();
        }
        try (Checkpoint cp = tracker.checkpoint()) {
            assertThat(cp.check(WAIT).clean()).isTrue();
        }
        tracker.close(before);
    }

    @Test
    void theListingGroupsByOpeningStackAndIsValidJson() throws Exception {
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Object o = new Object();
            keep.add(o);
            tracker.track(o, "file");
        }
        Object other = new StringBuilder("\"quoted\\\"");
        keep.add(other);
        tracker.track(other, "socket");
        ResourceListing l = tracker.listing();
        assertThat(l.groups()).extracting(ResourceListing.Group::count).containsExactly(3, 1);
        JsonNode json = new ObjectMapper().readTree(l.toJson(10, 5));
        assertThat(json.path("level").asText()).isEqualTo("all");
        assertThat(json.path("open").asLong()).isEqualTo(4);
        assertThat(json.path("kinds").size()).isEqualTo(2);
        JsonNode g = json.path("groups").get(0);
        assertThat(g.path("kind").asText()).isEqualTo("file");
        assertThat(g.path("count").asInt()).isEqualTo(3);
        assertThat(g.path("openedAt").size()).isEqualTo(5);
        assertThat(g.path("openedAt").get(0).asText()).startsWith(getClass().getName()
                + ".theListingGroupsByOpeningStackAndIsValidJson(TrackerBehaviourTest.java:");
        assertThat(g.path("framesOmitted").asInt()).isPositive();
        assertThat(new ObjectMapper().readTree(l.toJson(1, 1)).path("groupsOmitted").asInt()).isOne();
        String text = l.toText(10, 3);
        assertThat(text).startsWith("tracked resources: level all, 4 open\n").contains("3 open file java.lang.Object");
        assertThat(text).doesNotContain("quoted");
        keep.forEach(tracker::close);
    }
}
