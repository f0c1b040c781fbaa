package io.leakhound.analysis.scenarios;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * <b>Leak: {@code unbounded-collection}</b> (retained request contexts). A request tracker appends every
 * request's context to a global list of "active" requests (for a watchdog that reports slow requests), and
 * the end-of-request hook marks the context finished and clears the thread's current context, but never
 * removes it from the list.
 *
 * <p>Expected diagnosis: holder static field {@code RequestContexts.ACTIVE_REQUESTS}
 * ({@code java.util.concurrent.CopyOnWriteArrayList}), pattern {@code unbounded-collection}, accumulation
 * point its {@code Object[]} array, accumulated elements {@code RequestContexts$RequestContext}
 * ({@value #REQUESTS} of them, each with headers, attributes and a 2 KB body buffer; about 30 MB).
 */
public final class RequestContexts {
    public static final int REQUESTS = 10_000;

    /** Everything a request carries while it runs. */
    static final class RequestContext {
        final String requestId;
        final String userId;
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        final byte[] body = new byte[2048];
        final long startNanos = System.nanoTime();
        volatile boolean finished;

        RequestContext(int n) {
            this.requestId = "req-" + n;
            this.userId = "user-" + (n % 500);
            headers.put("Accept", "application/json");
            headers.put("X-Request-Id", requestId);
            headers.put("User-Agent", "client/" + (n % 7));
            attributes.put("route", "/orders/" + (n % 100));
        }
    }

    /** The leak: contexts are added when requests start and never removed. */
    static final List<RequestContext> ACTIVE_REQUESTS = new CopyOnWriteArrayList<>();
    static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private RequestContexts() {
    }

    static void begin(RequestContext ctx) {
        ACTIVE_REQUESTS.add(ctx);
        CURRENT.set(ctx);
    }

    /** The end-of-request hook: forgets {@code ACTIVE_REQUESTS.remove(ctx)}. */
    static void end(RequestContext ctx) {
        ctx.finished = true;
        CURRENT.remove();
    }

    static void handle(int n) {
        RequestContext ctx = new RequestContext(n);
        begin(ctx);
        try {
            ctx.attributes.put("items", n % 13);
            ctx.body[n % ctx.body.length] = (byte) n;
        } finally {
            end(ctx);
        }
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            pool.execute(() -> handle(n));
        }
        pool.shutdown();
        SelfDump.check(pool.awaitTermination(30, TimeUnit.SECONDS), "requests did not finish");
        SelfDump.check(ACTIVE_REQUESTS.size() == REQUESTS, "expected " + REQUESTS + " retained contexts");
        SelfDump.liveHeap(args[0]);
    }
}
