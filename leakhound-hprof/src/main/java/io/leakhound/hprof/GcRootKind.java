package io.leakhound.hprof;

/** Kinds of GC roots in a heap dump, with the names used in reports. */
public enum GcRootKind {
    UNKNOWN(0xFF, "unknown"),
    JNI_GLOBAL(0x01, "jni-global"),
    JNI_LOCAL(0x02, "jni-local"),
    JAVA_FRAME(0x03, "java-frame"),
    NATIVE_STACK(0x04, "native-stack"),
    STICKY_CLASS(0x05, "sticky-class"),
    THREAD_BLOCK(0x06, "thread-block"),
    MONITOR_USED(0x07, "monitor"),
    THREAD_OBJECT(0x08, "thread"),
    // Android extensions, kept so Android dumps do not stop the scan.
    INTERNED_STRING(0x89, "interned-string"),
    FINALIZING(0x8A, "finalizing"),
    DEBUGGER(0x8B, "debugger"),
    REFERENCE_CLEANUP(0x8C, "reference-cleanup"),
    VM_INTERNAL(0x8D, "vm-internal"),
    JNI_MONITOR(0x8E, "jni-monitor");

    private final int tag;
    private final String reportName;

    GcRootKind(int tag, String reportName) {
        this.tag = tag;
        this.reportName = reportName;
    }

    public int tag() {
        return tag;
    }

    /** The name used in reports and in the JSON contract ({@code sticky-class}, {@code java-frame}, ...). */
    public String reportName() {
        return reportName;
    }
}
