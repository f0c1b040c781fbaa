package io.leakhound.cli.scenarios;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A leaking heap full of known secrets, run in a child JVM: a static map whose keys and values are secrets, a
 * thread with a secret name whose local variable holds a growing list of accounts, each with a secret field,
 * a password as {@code char[]} and {@code byte[]}, and a secret primitive. Reports must show none of them
 * unless values are allowed. Argument: dump path.
 */
public final class SecretsHeap {
    public static final String MAP_KEY = "mapkey-SECRET-7d1e4b";
    public static final String MAP_VALUE = "mapvalue-SECRET-93c2aa";
    public static final String THREAD_NAME = "worker-SECRET-5f0c21";
    public static final String PASSWORD = "hunter2-SECRET-c8e7a0";
    public static final String API_KEY = "apikey-SECRET-0b9d3f";
    public static final long BALANCE = 987_654_321_987L;
    public static final int ACCOUNTS = 20_000;

    /** Every secret, as the text it would appear as. */
    public static List<String> secrets() {
        return List.of(MAP_KEY, MAP_VALUE, THREAD_NAME, PASSWORD, API_KEY, Long.toString(BALANCE),
                Long.toHexString(BALANCE), "SECRET");
    }

    /** The leaking object: one per request, never released. */
    static final class Account {
        final String apiKey;
        final char[] password;
        final byte[] passwordBytes;
        final long balance;
        final byte[] state = new byte[200];

        Account(int i) {
            this.apiKey = i == 0 ? API_KEY : API_KEY + "-" + i;
            this.password = PASSWORD.toCharArray();
            this.passwordBytes = PASSWORD.getBytes(StandardCharsets.UTF_8);
            this.balance = BALANCE;
        }
    }

    /** A static map with secret keys and values, also leaking. */
    static final Map<String, String> TOKENS = new HashMap<>();

    private SecretsHeap() {
    }

    public static void main(String[] args) throws Exception {
        TOKENS.put(MAP_KEY, MAP_VALUE);
        for (int i = 0; i < 5_000; i++) {
            TOKENS.put(MAP_KEY + "-" + i, MAP_VALUE + "-" + i);
        }
        CountDownLatch filled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> hold(filled, release), THREAD_NAME);
        worker.setDaemon(true);
        worker.start();
        filled.await();
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(args[0], true);
        release.countDown();
        worker.join();
    }

    /** The secret-named thread keeps every account in a local variable while it waits. */
    private static void hold(CountDownLatch filled, CountDownLatch release) {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(new Account(i));
        }
        filled.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (accounts.size() != ACCOUNTS) {
            throw new AssertionError();
        }
    }
}
