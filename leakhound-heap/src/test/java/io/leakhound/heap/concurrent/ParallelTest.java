package io.leakhound.heap.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void resultsComeInPartOrder() {
        assertThat(Parallel.run(4, k -> k * 10)).containsExactly(0, 10, 20, 30);
        assertThat(Parallel.run(1, k -> "only")).containsExactly("only");
    }

    @Test
    void aFailingPartIsRethrownOnlyOnceTheOtherPartsHaveEnded() {
        // the caller unmaps what the parts read as soon as it gets the exception: a part still running then
        // would read unmapped memory
        AtomicBoolean slowPartEnded = new AtomicBoolean();
        assertThatThrownBy(() -> Parallel.run(2, k -> {
            if (k == 0) {
                throw new IllegalArgumentException("corrupt record");
            }
            pause(300);
            slowPartEnded.set(true);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("corrupt record");
        assertThat(slowPartEnded).isTrue();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
