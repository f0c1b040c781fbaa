package io.leakhound.heap.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.testing.TestDumps;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.GcRootKind;
import io.leakhound.hprof.testing.HprofWriter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocation-free reads ({@link ObjectReader#fieldValue}, {@link ObjectReader#elementId}, ...) agree with
 * the record-copying {@link ObjectReader#instance} and {@link ObjectReader#elements}, for every field type,
 * both id sizes, mapped plain dumps and paged gzip dumps, on a dump large enough to span many pages.
 */
class ObjectReaderFieldsTest {
    private static final long OBJECT = 0x100;
    private static final long BASE = 0x110;
    private static final long ITEM = 0x120;
    private static final long ARRAY_CLASS = 0x130;
    private static final int ITEMS = 6_000;
    private static final int ARRAYS = 40;
    private static final int LENGTH = 700;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"4,false", "8,false", "4,true", "8,true"})
    void fastReadsAgreeWithInstanceCopies(int idSize, boolean gzip) {
        HprofWriter w = new HprofWriter(idSize);
        w.defineClass(OBJECT, "java/lang/Object").end();
        w.defineClass(BASE, "com/example/Base").superclass(OBJECT).field("next", BasicType.OBJECT)
                .field("d", BasicType.DOUBLE).end();
        w.defineClass(ITEM, "com/example/Item").superclass(BASE).field("z", BasicType.BOOLEAN)
                .field("b", BasicType.BYTE).field("c", BasicType.CHAR).field("s", BasicType.SHORT)
                .field("i", BasicType.INT).field("j", BasicType.LONG).field("f", BasicType.FLOAT)
                .field("self", BasicType.OBJECT).end();
        w.defineClass(ARRAY_CLASS, "[Lcom/example/Item;").superclass(OBJECT).end();
        for (int k = 0; k < ITEMS; k++) {
            long id = item(k);
            w.instance(id, ITEM).bool(k % 2 == 0).b(k - 128).ch((char) (50_000 + k)).s(-k).i(k * 77_777)
                    .j(-123_456_789_012L * k).f(k / 3f).ref(id).ref(k + 1 < ITEMS ? item(k + 1) : 0).d(-k / 7.0)
                    .end();
        }
        for (int a = 0; a < ARRAYS; a++) {
            long[] elements = new long[LENGTH];
            for (int e = 0; e < LENGTH; e++) {
                elements[e] = (e + a) % 5 == 0 ? 0 : item((e * 31 + a) % ITEMS);
            }
            w.objectArray(array(a), ARRAY_CLASS, elements);
            w.root(GcRootKind.JNI_GLOBAL, array(a));
        }
        w.primitiveArray(0x9_0000, BasicType.INT, 33);
        w.heapDumpSegment();
        Path plain = w.heapDumpEnd().writeTo(dir.resolve("fields.hprof"));
        Path dump = gzip ? HprofWriter.gzip(plain, dir.resolve("fields.hprof.gz")) : plain;
        try (HeapIndex index = TestDumps.index(dump, dir)) {
            assertThat(index.file().isCompressed()).isEqualTo(gzip);
            ObjectReader reader = new ObjectReader(index);
            ClassInfo item = index.classes().byName("com.example.Item");
            String[] names = item.fieldNames();
            BasicType[] types = item.fieldTypes();
            int[] offsets = item.fieldOffsets();
            long checked = 0;
            // in reverse file order, so reads jump back and forth between pages
            for (int k = ITEMS - 1; k >= 0; k--) {
                long node = index.nodeOf(item(k));
                ObjectReader.Instance copy = reader.instance(node);
                for (int f = 0; f < names.length; f++) {
                    assertThat(reader.fieldValue(node, offsets[f], types[f])).as(names[f] + " of item " + k)
                            .isEqualTo(copy.value(names[f]));
                    checked++;
                }
                assertThat(reader.fieldValue(node, item.fieldOffset("i"), BasicType.INT)).isEqualTo(k * 77_777L);
                assertThat(reader.fieldValue(node, item.fieldOffset("c"), BasicType.CHAR)).isEqualTo(50_000L + k);
                assertThat(reader.fieldNode(node, item.fieldOffset("self"))).isEqualTo(node);
                long next = reader.fieldNode(node, item.fieldOffset("next"));
                assertThat(next).isEqualTo(k + 1 < ITEMS ? index.nodeOf(item(k + 1)) : -1);
                assertThat(reader.arrayLength(node)).isEqualTo(-1);
                assertThat(reader.fieldValue(node, item.dataLength(), BasicType.BYTE)).isZero();
            }
            assertThat(checked).isEqualTo((long) ITEMS * names.length);
            for (int a = ARRAYS - 1; a >= 0; a--) {
                long node = index.nodeOf(array(a));
                long[] ids = reader.elements(node, Integer.MAX_VALUE);
                assertThat(reader.arrayLength(node)).isEqualTo(LENGTH);
                for (int e = 0; e < LENGTH; e++) {
                    assertThat(reader.elementId(node, e)).isEqualTo(ids[e]);
                    assertThat(reader.elementNode(node, e)).isEqualTo(ids[e] == 0 ? -1 : index.nodeOf(ids[e]));
                }
                assertThat(reader.elementId(node, LENGTH)).isZero();
                assertThat(reader.elementId(node, -1)).isZero();
                assertThat(reader.fieldValue(node, 0, BasicType.INT)).isZero();
            }
            long ints = index.nodeOf(0x9_0000);
            assertThat(reader.arrayLength(ints)).isEqualTo(33);
            assertThat(reader.elementId(ints, 0)).isZero();
            assertThat(reader.arrayLength(0)).isEqualTo(-1);
            assertThat(reader.fieldValue(0, 0, BasicType.INT)).isZero();
        }
    }

    private static long item(int k) {
        return 0x10_0000L + 0x40L * k;
    }

    private static long array(int a) {
        return 0x100_0000L + 0x1000L * a;
    }
}
