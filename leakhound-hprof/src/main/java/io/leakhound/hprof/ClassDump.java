package io.leakhound.hprof;

/**
 * A CLASS_DUMP sub-record: a class's super class, loader, static fields with their values and the
 * declared (not inherited) instance fields in dump order. Names are UTF8 record ids.
 *
 * @param classId id of the class object
 * @param superId id of the super class, 0 for none
 * @param loaderId id of the defining class loader, 0 for the boot loader
 * @param instanceSize instance size as written by the VM (sum of field sizes in the dump, not the real size)
 * @param staticNameIds UTF8 ids of the static field names
 * @param staticTypes types of the static fields
 * @param staticValues raw values of the static fields (ids for references, bits for primitives)
 * @param fieldNameIds UTF8 ids of the declared instance field names, in dump order
 * @param fieldTypes types of the declared instance fields
 * @param recordOffset file offset of the sub-record's tag byte
 */
public record ClassDump(long classId, long superId, long loaderId, int instanceSize,
                        long[] staticNameIds, BasicType[] staticTypes, long[] staticValues,
                        long[] fieldNameIds, BasicType[] fieldTypes, long recordOffset) {
}
