package io.leakhound.heap.testing.scenarios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program that builds a known heap, writes its PID to a file and waits until that file is deleted, so a
 * test can dump it from outside with {@code jcmd}. Argument: the PID file.
 */
public final class WaitingHeap {
    public static final int ITEMS = 30_000;

    /** Counted by the test. */
    public static final class Item {
        final long n;
        final int[] data = new int[8];

        Item(long n) {
            this.n = n;
        }
    }

    static final List<Item> ITEMS_HELD = new ArrayList<>();

    private WaitingHeap() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < ITEMS; i++) {
            ITEMS_HELD.add(new Item(i));
        }
        Path pidFile = Path.of(args[0]);
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, pidFile);
        long deadline = System.currentTimeMillis() + 120_000;
        while (Files.exists(pidFile) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
