package io.leakhound.heap.index;

import io.leakhound.hprof.BasicType;

/**
 * Infers whether the dumped VM used compressed references, which the HPROF format does not record. Ids are
 * addresses, and objects are mostly packed back to back, so the gap from an object to the next one is at
 * least its real size and usually exactly it. For a sample of objects whose size differs between the two
 * 64-bit models, a model gains a point when the gap equals its size, and loses heavily when it would make the
 * object overlap its neighbour. With no evidence either way, a heap spanning under 32 GB means compressed.
 */
final class SizeModelInference {
    private static final long COMPRESSED_OOPS_LIMIT = 32L << 30;

    private SizeModelInference() {
    }

    static SizeModel infer(DumpMetadata meta, IdIndex ids, ClassTable classes, int idSize) {
        if (idSize == 4) {
            return SizeModel.thirtyTwoBit();
        }
        SizeModel compressed = SizeModel.compressed();
        SizeModel wide = SizeModel.uncompressed();
        long againstCompressed = 0;
        long againstWide = 0;
        long exactCompressed = 0;
        long exactWide = 0;
        for (int i = 0; i < meta.sampleIds.size(); i++) {
            long id = meta.sampleIds.getLong(i);
            long idx = ids.indexOf(id);
            if (idx < 0 || idx + 1 >= ids.size()) {
                continue;
            }
            long gap = ids.idAt(idx + 1) - id;
            long sizeC = sizeOf(meta, i, classes, compressed);
            long sizeW = sizeOf(meta, i, classes, wide);
            if (sizeC < 0 || sizeC == sizeW) {
                continue;
            }
            if (gap < sizeC) {
                againstCompressed++;
            } else if (gap == sizeC) {
                exactCompressed++;
            }
            if (gap < sizeW) {
                againstWide++;
            } else if (gap == sizeW) {
                exactWide++;
            }
        }
        long scoreCompressed = exactCompressed - 10 * againstCompressed;
        long scoreWide = exactWide - 10 * againstWide;
        if (scoreCompressed > scoreWide) {
            return compressed;
        }
        if (scoreWide > scoreCompressed) {
            return wide;
        }
        long min = meta.min;
        long max = meta.max;
        for (var d : meta.classDumps) {
            min = Math.min(min, d.classId());
            max = Math.max(max, d.classId());
        }
        return max - min < COMPRESSED_OOPS_LIMIT ? compressed : wide;
    }

    private static long sizeOf(DumpMetadata meta, int i, ClassTable classes, SizeModel m) {
        int length = meta.sampleLengths.getInt(i);
        int prim = meta.samplePrimitiveTypes.getInt(i);
        if (prim != 0) {
            return m.arraySize(length, BasicType.ofTag(prim).sizeInDump(4));
        }
        if (length >= 0) {
            return m.arraySize(length, m.referenceSize());
        }
        int n = classes.numberOf(meta.sampleClassIds.getLong(i));
        if (n < 0) {
            return -1;
        }
        long sum = m.header();
        for (BasicType t : classes.get(n).fieldTypes) {
            sum += t == BasicType.OBJECT ? m.referenceSize() : t.sizeInDump(4);
        }
        return m.align(sum);
    }
}
