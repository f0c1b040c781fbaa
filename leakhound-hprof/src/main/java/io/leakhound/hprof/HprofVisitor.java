package io.leakhound.hprof;

/**
 * Receives the records of a scan in file order. Every method has an empty default, so a pass overrides only
 * what it needs; {@link #wantsHeapObjects()} lets a pass that needs no heap objects skip their payloads.
 * Calls come from the scanning thread only.
 */
public interface HprofVisitor {

    /** Something was wrong with the input but the scan goes on (or stops cleanly); one line for the user. */
    default void warning(String message) {
    }

    /** Whether instance and array dumps should be delivered; if false they are skipped by length. */
    default boolean wantsHeapObjects() {
        return true;
    }

    /** Whether UTF8, class, frame and trace records should be delivered. */
    default boolean wantsMetadata() {
        return true;
    }

    default void utf8(long id, byte[] utf8) {
    }

    default void loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
    }

    default void unloadClass(int classSerial) {
    }

    default void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId,
                            int classSerial, int line) {
    }

    default void stackTrace(int serial, int threadSerial, long[] frameIds) {
    }

    /**
     * A GC root. {@code threadSerial} and {@code frameNumber} are -1 when the kind has none; for
     * {@link GcRootKind#THREAD_OBJECT} the frame number is the thread's stack trace serial.
     */
    default void gcRoot(GcRootKind kind, long objectId, int threadSerial, int frameNumber) {
    }

    default void classDump(ClassDump dump) {
    }

    /**
     * An INSTANCE_DUMP. The field block ({@code dataLength} bytes: the class's own fields, then its super
     * class's, and so on) is readable through {@code data} during the call.
     */
    default void instance(long id, long classId, int dataLength, RecordData data, long recordOffset) {
    }

    /** An OBJ_ARRAY_DUMP; elements stream through {@link RecordData#nextId()} during the call. */
    default void objectArray(long id, long arrayClassId, int length, RecordData elements, long recordOffset) {
    }

    /** A PRIM_ARRAY_DUMP; the element bytes are skipped, read them later at {@code recordOffset} if needed. */
    default void primitiveArray(long id, BasicType type, int length, long recordOffset) {
    }

    /** Progress: bytes of the file scanned so far, called now and then. */
    default void progress(long bytesDone, long bytesTotal) {
    }
}
