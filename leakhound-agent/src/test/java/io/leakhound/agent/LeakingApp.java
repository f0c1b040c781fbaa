package io.leakhound.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * A service for the agent tests, in a child JVM: 16 MB/s of garbage and, with argument 2 {@code leak}, 1 MB/s of
 * {@link Order}s kept in a static list. Prints {@code started}, runs for argument 1 seconds, exits normally.
 */
public final class LeakingApp {
    static final List<Order> ORDERS = new ArrayList<>();

    /** What leaks. */
    static final class Order {
        final byte[] lines = new byte[4096];
    }

    private LeakingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        long seconds = Long.parseLong(args[0]);
        boolean leak = args.length > 1 && args[1].equals("leak");
        long sink = 0;
        System.out.println("started");
        System.out.flush();
        long start = System.currentTimeMillis();
        long requests = 0;
        for (long now = start; now < start + seconds * 1000; now = System.currentTimeMillis()) {
            while (requests < now - start) {
                byte[] garbage = new byte[16 * 1024];
                garbage[1] = 1;
                sink += garbage.length;
                if (leak && requests % 4 == 0) {
                    ORDERS.add(new Order());
                }
                requests++;
            }
            Thread.sleep(2);
        }
        System.out.println("done " + ORDERS.size() + " " + sink);
    }
}
