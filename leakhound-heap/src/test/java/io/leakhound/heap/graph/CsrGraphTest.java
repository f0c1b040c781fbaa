package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.store.BigIntArray;
import io.leakhound.heap.store.EdgeOffsets;
import io.leakhound.heap.store.TempSpace;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph whose edge array comes in segments reads the same as one with a single array. */
class CsrGraphTest {
    @TempDir
    Path parent;

    @Test
    void segmentedEdgesReadAsOneArray() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int nodes = 1 + random.nextInt(40);
            int[] degree = new int[nodes];
            int edges = 0;
            for (int v = 0; v < nodes; v++) {
                degree[v] = random.nextInt(4);
                edges += degree[v];
            }
            int[] flat = new int[edges];
            for (int e = 0; e < edges; e++) {
                flat[e] = random.nextInt(nodes);
            }
            int parts = 1 + random.nextInt(4);
            long[] starts = new long[parts];
            for (int i = 1; i < parts; i++) {
                starts[i] = starts[i - 1] + random.nextInt(edges - (int) starts[i - 1] + 1);  // empty ones too
            }
            try (TempSpace space = TempSpace.create(parent)) {
                BigIntArray[] segments = new BigIntArray[parts];
                for (int i = 0; i < parts; i++) {
                    long end = i + 1 < parts ? starts[i + 1] : edges;
                    segments[i] = BigIntArray.undefined(space, "segment", Math.max(1, end - starts[i] + 3));
                    for (long e = starts[i]; e < end; e++) {
                        segments[i].set(e - starts[i], flat[(int) e]);
                    }
                }
                EdgeOffsets offsets = EdgeOffsets.allocate(space, nodes + 1, edges);
                long at = 0;
                for (int v = 0; v < nodes; v++) {
                    offsets.set(v, at);
                    at += degree[v];
                }
                offsets.set(nodes, at);
                try (CsrGraph g = new CsrGraph(nodes, offsets, segments, starts)) {
                    assertThat(g.edgeCount()).isEqualTo(edges);
                    for (int v = 0; v < nodes; v++) {
                        for (long e = g.start(v); e < g.end(v); e++) {
                            assertThat(g.target(e)).as("round %d edge %d", round, e).isEqualTo(flat[(int) e]);
                        }
                    }
                }
            }
        }
    }
}
