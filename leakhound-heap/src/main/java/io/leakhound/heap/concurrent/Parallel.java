package io.leakhound.heap.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one task per part on its own thread and waits for all. A task's exception is rethrown as is, but only
 * once every other task has ended too: the tasks read memory-mapped arrays that a caller unmaps as soon as it
 * gets the exception, and a read from an unmapped array crashes the JVM.
 */
public final class Parallel {
    private Parallel() {
    }

    public static <T> List<T> run(int parts, IntFunction<T> task) {
        List<T> results = new ArrayList<>();
        if (parts == 1) {
            results.add(task.apply(0));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parts, r -> {
            Thread t = new Thread(r, "leakhound-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                int part = i;
                futures.add(pool.submit(() -> task.apply(part)));
            }
            for (int i = 0; i < parts; i++) {
                results.add(futures.get(i).get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            awaitEnd(pool);
        }
    }

    /** Waits until every task has ended; an interrupt meanwhile is kept for the caller, not acted on. */
    private static void awaitEnd(ExecutorService pool) {
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
