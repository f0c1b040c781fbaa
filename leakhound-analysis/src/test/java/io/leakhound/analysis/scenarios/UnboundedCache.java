package io.leakhound.analysis.scenarios;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * <b>Leak: {@code unbounded-collection}.</b> A user-profile service caches every profile it ever loaded in a
 * static {@link ConcurrentHashMap} keyed by user id. Nothing evicts: each new user who logs in adds an entry
 * that stays for the life of the JVM.
 *
 * <p>Expected diagnosis: holder static field {@code UnboundedCache.USER_PROFILES}
 * ({@code java.util.concurrent.ConcurrentHashMap}), pattern {@code unbounded-collection}, accumulation point
 * its {@code java.util.concurrent.ConcurrentHashMap$Node[]} table, accumulated elements
 * {@code ConcurrentHashMap$Node} → {@code UnboundedCache$UserProfile} ({@value #USERS} of them, about 30 MB).
 */
public final class UnboundedCache {
    public static final int USERS = 12_000;
    static final int AVATAR_BYTES = 2048;

    /** What the profile service loads per user. */
    static final class UserProfile {
        final String userId;
        final String displayName;
        final String email;
        final List<String> roles = new ArrayList<>(2);
        final Map<String, String> preferences = new HashMap<>();
        final byte[] avatarThumbnail = new byte[AVATAR_BYTES];
        long lastSeenMillis;

        UserProfile(String userId) {
            this.userId = userId;
            this.displayName = "User " + userId.substring(5);
            this.email = userId + "@example.com";
            roles.add("reader");
            preferences.put("locale", "en");
            preferences.put("theme", userId.hashCode() % 2 == 0 ? "dark" : "light");
        }
    }

    /** The leak: a cache keyed by user id that nothing bounds or expires. */
    static final ConcurrentHashMap<String, UserProfile> USER_PROFILES = new ConcurrentHashMap<>();

    private UnboundedCache() {
    }

    static UserProfile profile(String userId) {
        UserProfile p = USER_PROFILES.computeIfAbsent(userId, UserProfile::new);
        p.lastSeenMillis = System.currentTimeMillis();
        return p;
    }

    /** A request: look up the caller's profile, render something (garbage), done. */
    static int handle(int request) {
        UserProfile p = profile("user-" + (request % USERS));
        StringBuilder page = new StringBuilder(256);
        page.append("<h1>").append(p.displayName).append("</h1>").append(p.preferences.get("theme"));
        return page.length();
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int first = t;
            pool.execute(() -> {
                for (int r = first; r < 3 * USERS; r += 4) {
                    handle(r);
                }
            });
        }
        pool.shutdown();
        SelfDump.check(pool.awaitTermination(30, TimeUnit.SECONDS), "requests did not finish");
        SelfDump.check(USER_PROFILES.size() == USERS, "expected " + USERS + " cached profiles");
        SelfDump.liveHeap(args[0]);
    }
}
