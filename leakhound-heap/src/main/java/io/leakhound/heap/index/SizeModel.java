package io.leakhound.heap.index;

/**
 * How shallow sizes are computed; dumps do not record them. HotSpot rules:
 * <ul>
 *   <li>instance: {@code align(header + Σ field sizes over the class hierarchy)}, references taking
 *       {@code referenceSize}; this matches HotSpot's field packing except for rare padding between classes.</li>
 *   <li>array: {@code align(arrayHeader + length × element size)}.</li>
 *   <li>class object: the size of a {@code java.lang.Class} instance plus its static fields.</li>
 * </ul>
 * 64-bit with compressed oops (heaps under 32 GB): header 12, array header 16, references 4.
 * 64-bit without compressed oops (compressed class pointers on): header 12, array header 16, references 8.
 * 32-bit (4-byte ids): header 8, array header 12, references 4. Alignment 8 everywhere.
 *
 * @param header object header bytes
 * @param arrayHeader array header bytes including the length
 * @param referenceSize bytes per reference field or element
 * @param alignment object alignment
 * @param compressedOops whether compressed oops were inferred
 */
public record SizeModel(int header, int arrayHeader, int referenceSize, int alignment, boolean compressedOops) {

    public static SizeModel compressed() {
        return new SizeModel(12, 16, 4, 8, true);
    }

    public static SizeModel uncompressed() {
        return new SizeModel(12, 16, 8, 8, false);
    }

    public static SizeModel thirtyTwoBit() {
        return new SizeModel(8, 12, 4, 8, true);
    }

    public long align(long bytes) {
        return (bytes + alignment - 1) / alignment * alignment;
    }

    public long arraySize(long length, int elementSize) {
        return align(arrayHeader + length * elementSize);
    }

    /** Human-readable description for reports. */
    public String describe() {
        return (referenceSize == 4 ? "compressed" : "uncompressed") + " references, header " + header
                + " B, array header " + arrayHeader + " B, alignment " + alignment + " B";
    }
}
