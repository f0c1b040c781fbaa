package io.leakhound.analysis.scenarios;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * <b>Healthy.</b> A product catalog cache built with Caffeine, {@code maximumSize(}{@value #MAXIMUM}{@code )},
 * under load from 4 threads asking for far more distinct products than fit: it is full, at its limit, and the
 * biggest thing in the heap (about 25 MB), but it is bounded. A suspect for its size is fine; a suspect with a
 * pattern is a false positive.
 *
 * <p>Expected diagnosis: no pattern. Holder static field {@code BoundedCaffeine.PRODUCT_CACHE}
 * ({@code com.github.benmanes.caffeine.cache.BoundedLocalCache$BoundedLocalManualCache}), exactly
 * {@value #MAXIMUM} {@code BoundedCaffeine$Product} values.
 */
public final class BoundedCaffeine {
    public static final int MAXIMUM = 10_000;
    static final int PRODUCTS = 60_000;

    /** A catalog entry. */
    record Product(String sku, String name, long priceCents, byte[] description) {
        static Product load(String sku) {
            return new Product(sku, "Product " + sku, sku.hashCode() & 0xFFFF, new byte[2048]);
        }
    }

    /** Bounded: at most {@value #MAXIMUM} products, least recently/frequently used evicted. */
    static final Cache<String, Product> PRODUCT_CACHE = Caffeine.newBuilder()
            .maximumSize(MAXIMUM)
            .executor(Runnable::run)
            .build();

    private BoundedCaffeine() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < 60_000; i++) {
                    // a skewed workload: popular products often, the long tail now and then
                    int sku = rnd.nextInt(4) == 0 ? rnd.nextInt(PRODUCTS) : rnd.nextInt(MAXIMUM / 2);
                    PRODUCT_CACHE.get("sku-" + sku, Product::load);
                }
            });
        }
        pool.shutdown();
        SelfDump.check(pool.awaitTermination(60, TimeUnit.SECONDS), "requests did not finish");
        for (int sku = 0; sku < MAXIMUM * 2; sku++) {
            PRODUCT_CACHE.get("sku-" + (PRODUCTS + sku), Product::load); // make sure it is full
        }
        PRODUCT_CACHE.cleanUp();
        SelfDump.check(PRODUCT_CACHE.estimatedSize() == MAXIMUM, "cache holds " + PRODUCT_CACHE.estimatedSize());
        SelfDump.liveHeap(args[0]);
    }
}
