import io.leakhound.heap.index.AddressBitmapIdIndex;
import io.leakhound.heap.store.BigLongArray;
import io.leakhound.heap.store.TempSpace;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Micro-benchmark of the address-bitmap id index: nanoseconds per {@code indexOf} for 10 M object ids spaced
 * like a heap's (16-48 bytes apart), probed near one another (as most field values of one object are) and
 * scattered over the whole range (as references to far objects are). Run on demand, never in the tests:
 *
 * <pre>java -cp leakhound-cli/target/leakhound.jar bench/micro/IdIndexLookups.java</pre>
 */
public class IdIndexLookups {
    private static final long OBJECTS = 10_000_000;
    private static final int PROBES = 20_000_000;
    private static final int ROUNDS = 7;

    public static void main(String[] args) {
        try (TempSpace space = TempSpace.create(Path.of(System.getProperty("java.io.tmpdir")))) {
            long base = 0x8000_0000L;
            long[] ids = new long[(int) OBJECTS];
            SplittableRandom random = new SplittableRandom(1);
            long address = base;
            for (int i = 0; i < ids.length; i++) {
                ids[i] = address;
                address += 8 * (2 + random.nextInt(5));
            }
            try (BigLongArray idArray = new BigLongArray(space, "ids", OBJECTS)) {
                for (int i = 0; i < ids.length; i++) {
                    idArray.set(i, ids[i]);
                }
                AddressBitmapIdIndex.Builder builder = new AddressBitmapIdIndex.Builder(space, base, ids[ids.length - 1]);
                builder.add(idArray, OBJECTS);
                try (AddressBitmapIdIndex index = builder.build()) {
                    long[] near = new long[PROBES];
                    long[] scattered = new long[PROBES];
                    for (int i = 0; i < PROBES; i++) {
                        near[i] = ids[Math.min(ids.length - 1, i / 2 + (i % 7) * 3)];
                        scattered[i] = ids[(int) ((i * 7919L) % OBJECTS)];
                    }
                    report("near", index, near);
                    report("scattered", index, scattered);
                }
            }
        }
    }

    /** Prints the median of the rounds after the first, which warms the JIT. */
    private static void report(String name, AddressBitmapIdIndex index, long[] probes) {
        double[] ns = new double[ROUNDS - 1];
        long check = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (long id : probes) {
                check += index.indexOf(id);
            }
            if (round > 0) {
                ns[round - 1] = (System.nanoTime() - start) / (double) probes.length;
            }
        }
        java.util.Arrays.sort(ns);
        System.out.printf("%-10s %6.1f ns per lookup (median of %d rounds; checksum %d)%n", name, ns[ns.length / 2],
                ns.length, check & 0xFFFF);
    }
}
