package io.leakhound.hprof;

/** The HPROF basic types, with their tag in the file and their size in a dump record. */
public enum BasicType {
    OBJECT(2, -1, "Object"),
    BOOLEAN(4, 1, "boolean"),
    CHAR(5, 2, "char"),
    FLOAT(6, 4, "float"),
    DOUBLE(7, 8, "double"),
    BYTE(8, 1, "byte"),
    SHORT(9, 2, "short"),
    INT(10, 4, "int"),
    LONG(11, 8, "long");

    private static final BasicType[] BY_TAG = new BasicType[12];

    static {
        for (BasicType t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    private final int tag;
    private final int size;
    private final String javaName;

    BasicType(int tag, int size, String javaName) {
        this.tag = tag;
        this.size = size;
        this.javaName = javaName;
    }

    /** The type for a tag, or null for a tag that is not a basic type. */
    public static BasicType ofTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }

    public int tag() {
        return tag;
    }

    /** Size of a value of this type in the dump; references take the dump's identifier size. */
    public int sizeInDump(int idSize) {
        return this == OBJECT ? idSize : size;
    }

    /** The Java source name of a primitive type ({@code int}); {@code Object} for references. */
    public String javaName() {
        return javaName;
    }
}
