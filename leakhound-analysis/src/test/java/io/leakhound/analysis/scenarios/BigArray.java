package io.leakhound.analysis.scenarios;

import java.util.HashMap;
import java.util.Map;

/**
 * <b>Healthy.</b> A geo-IP lookup table: one legitimate {@code long[]} of {@value #RANGES} packed ranges
 * (32 MB) in a static field, built once at startup and read by requests. One big object is not a collection
 * that accumulates: it is the biggest thing in the heap by design.
 *
 * <p>Expected diagnosis: no pattern. Holder static field {@code BigArray.GEO_IP_TABLE} ({@code long[]}), which
 * may be reported as a suspect for its size, without a pattern.
 */
public final class BigArray {
    public static final int RANGES = 4 * 1024 * 1024;

    /** Range start (high 32 bits) and country code (low bits), sorted by range start. */
    static final long[] GEO_IP_TABLE = new long[RANGES];
    static final Map<Integer, String> COUNTRIES = new HashMap<>();

    private BigArray() {
    }

    static String country(int ip) {
        int lo = 0;
        int hi = RANGES - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if ((GEO_IP_TABLE[mid] >>> 32) <= Integer.toUnsignedLong(ip)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return COUNTRIES.get((int) (GEO_IP_TABLE[lo] & 0xFF));
    }

    public static void main(String[] args) throws Exception {
        for (int c = 0; c < 250; c++) {
            COUNTRIES.put(c, "C" + c);
        }
        for (int i = 0; i < RANGES; i++) {
            GEO_IP_TABLE[i] = ((long) i << 10 << 32) | (i * 31L % 250);
        }
        int found = 0;
        for (int r = 0; r < 100_000; r++) {
            found += country(r * 7919) != null ? 1 : 0;
        }
        SelfDump.check(found == 100_000, "lookups failed");
        SelfDump.liveHeap(args[0]);
    }
}
