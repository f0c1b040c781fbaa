package io.leakhound.heap.index;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.ClassDump;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * All classes of a dump by dense number, with lookups by class-object id and by name. Primitive array classes
 * the dump does not describe, and class ids that objects use but the dump never defines, get synthetic
 * entries so every object has a class.
 */
public final class ClassTable {
    private static final String REFERENCE = "java.lang.ref.Reference";

    private final List<ClassInfo> classes = new ArrayList<>();
    private final Long2IntOpenHashMap numberById = new Long2IntOpenHashMap();
    private final Map<BasicType, ClassInfo> primitiveArrays = new EnumMap<>(BasicType.class);
    private ClassInfo javaLangClass;
    private SizeModel sizes;

    ClassTable() {
        numberById.defaultReturnValue(-1);
    }

    static ClassTable build(DumpMetadata meta, int idSize) {
        ClassTable t = new ClassTable();
        Long2ObjectOpenHashMap<ClassDump> dumps = new Long2ObjectOpenHashMap<>();
        for (ClassDump d : meta.classDumps) {
            if (dumps.containsKey(d.classId())) {
                continue;
            }
            dumps.put(d.classId(), d);
            long nameId = meta.classNameIds.get(d.classId());
            String jvmName = meta.classNameIds.containsKey(d.classId()) ? meta.string(nameId) : null;
            String name = jvmName == null ? "<class 0x" + Long.toHexString(d.classId()) + ">"
                    : ClassNames.toSourceForm(jvmName);
            BasicType prim = primitiveArrayType(jvmName);
            boolean objArray = jvmName != null && jvmName.startsWith("[") && prim == null;
            ClassInfo c = t.add(d.classId(), name, d.loaderId(), prim, objArray);
            t.numberById.put(d.classId(), c.number());
            if (prim != null) {
                t.primitiveArrays.putIfAbsent(prim, c);
            }
            if (name.equals("java.lang.Class")) {
                t.javaLangClass = c;
            }
        }
        for (ClassInfo c : t.classes) {
            ClassDump d = dumps.get(c.classId());
            c.superNumber = d.superId() == 0 ? -1 : t.numberById.get(d.superId());
            int n = d.staticNameIds().length;
            c.staticNames = new String[n];
            for (int i = 0; i < n; i++) {
                c.staticNames[i] = nameOr(meta.string(d.staticNameIds()[i]), "<static " + i + ">");
            }
            c.staticTypes = d.staticTypes();
            c.staticValues = d.staticValues();
        }
        for (ClassInfo c : t.classes) {
            t.layout(c, dumps, meta, idSize);
        }
        for (BasicType type : BasicType.values()) {
            if (type != BasicType.OBJECT && !t.primitiveArrays.containsKey(type)) {
                t.primitiveArrays.put(type, t.add(0, type.javaName() + "[]", 0, type, false));
            }
        }
        if (t.javaLangClass == null) {
            t.javaLangClass = t.add(0, "java.lang.Class", 0, null, false);
        }
        return t;
    }

    private static String nameOr(String s, String fallback) {
        return s == null ? fallback : s;
    }

    private static BasicType primitiveArrayType(String jvmName) {
        if (jvmName == null || jvmName.length() != 2 || jvmName.charAt(0) != '[') {
            return null;
        }
        return switch (jvmName.charAt(1)) {
            case 'Z' -> BasicType.BOOLEAN;
            case 'B' -> BasicType.BYTE;
            case 'C' -> BasicType.CHAR;
            case 'S' -> BasicType.SHORT;
            case 'I' -> BasicType.INT;
            case 'J' -> BasicType.LONG;
            case 'F' -> BasicType.FLOAT;
            case 'D' -> BasicType.DOUBLE;
            default -> null;
        };
    }

    private ClassInfo add(long classId, String name, long loaderId, BasicType prim, boolean objArray) {
        ClassInfo c = new ClassInfo(classes.size(), classId, name, loaderId, prim, objArray);
        classes.add(c);
        if (classId != 0) {
            numberById.put(classId, c.number());
        }
        return c;
    }

    /** Instance field layout over the hierarchy: own fields first, then the super class's, as dumped. */
    private void layout(ClassInfo c, Long2ObjectOpenHashMap<ClassDump> dumps, DumpMetadata meta, int idSize) {
        List<String> names = new ArrayList<>();
        List<BasicType> types = new ArrayList<>();
        List<Integer> declaring = new ArrayList<>();
        int guard = 0;
        boolean isReference = false;
        for (ClassInfo k = c; k != null && guard++ < 1000;
             k = k.superNumber >= 0 ? classes.get(k.superNumber) : null) {
            ClassDump d = dumps.get(k.classId());
            if (d == null) {
                break;
            }
            if (k.name().equals(REFERENCE)) {
                isReference = true;
            }
            for (int i = 0; i < d.fieldNameIds().length; i++) {
                names.add(nameOr(meta.string(d.fieldNameIds()[i]), "<field " + i + ">"));
                types.add(d.fieldTypes()[i]);
                declaring.add(k.number());
            }
        }
        int n = names.size();
        c.fieldNames = names.toArray(new String[0]);
        c.fieldTypes = types.toArray(new BasicType[0]);
        c.fieldOffsets = new int[n];
        c.fieldDeclaringClass = new int[n];
        int offset = 0;
        int refs = 0;
        for (int i = 0; i < n; i++) {
            c.fieldOffsets[i] = offset;
            c.fieldDeclaringClass[i] = declaring.get(i);
            offset += c.fieldTypes[i].sizeInDump(idSize);
            if (c.fieldTypes[i] == BasicType.OBJECT) {
                refs++;
            }
        }
        c.dataLength = offset;
        int[] refOffsets = new int[refs];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (c.fieldTypes[i] != BasicType.OBJECT) {
                continue;
            }
            boolean ofReference = isReference && classes.get(c.fieldDeclaringClass[i]).name().equals(REFERENCE);
            if (ofReference && c.fieldNames[i].equals("referent")) {
                c.referentOffset = c.fieldOffsets[i];
                continue;
            }
            if (ofReference && c.fieldNames[i].equals("discovered")) {
                continue;  // the collector's own list of references to process: not a reference of the program
            }
            refOffsets[r] = c.fieldOffsets[i];
            r++;
        }
        c.referenceOffsets = java.util.Arrays.copyOf(refOffsets, r);
    }

    /**
     * Marks the classes whose instances need no edge to their class object: the class object is a GC root, or
     * its class loader is (the application and platform loaders are JNI global roots, and the boot loader is
     * none at all). Such a class stays reachable through its loader whatever its instances do; the edge only
     * matters for classes of loaders that can go away — the ones a class-loader leak keeps alive.
     */
    void markRootedClassObjects(it.unimi.dsi.fastutil.longs.LongArrayList rootIds) {
        it.unimi.dsi.fastutil.longs.LongOpenHashSet roots = new it.unimi.dsi.fastutil.longs.LongOpenHashSet(rootIds);
        for (ClassInfo c : classes) {
            c.rootedClassObject = roots.contains(c.classId()) || c.loaderId() == 0 || roots.contains(c.loaderId());
        }
    }

    /** Applies a size model: computes every class's instance size. */
    void applySizes(SizeModel model) {
        this.sizes = model;
        for (ClassInfo c : classes) {
            long sum = model.header();
            for (BasicType t : c.fieldTypes) {
                sum += t == BasicType.OBJECT ? model.referenceSize() : t.sizeInDump(4);
            }
            c.instanceSize = c.isArray() ? 0 : model.align(sum);
        }
    }

    /** Shallow size of a class object: a {@code java.lang.Class} instance plus its static fields. */
    long classObjectSize(ClassInfo c) {
        long sum = javaLangClass.instanceSize;
        for (BasicType t : c.staticTypes) {
            sum += t == BasicType.OBJECT ? sizes.referenceSize() : t.sizeInDump(4);
        }
        return sizes.align(sum);
    }

    /** Creates a placeholder class for an id that objects use but no CLASS_DUMP defines. */
    ClassInfo synthesize(long classId) {
        int existing = numberById.get(classId);
        if (existing >= 0) {
            return classes.get(existing);
        }
        ClassInfo c = add(classId, "<unknown class 0x" + Long.toHexString(classId) + ">", 0, null, false);
        numberById.put(classId, c.number());
        c.placeholder = true;
        c.instanceSize = sizes == null ? 16 : sizes.align(sizes.header());
        return c;
    }

    public int size() {
        return classes.size();
    }

    public ClassInfo get(int number) {
        return classes.get(number);
    }

    /** Class number for a class-object id, or -1. */
    public int numberOf(long classId) {
        return numberById.get(classId);
    }

    /** The class of a given name (the first one if several loaders define it), or null. */
    public ClassInfo byName(String name) {
        for (ClassInfo c : classes) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** All classes of a given name (one per defining loader). */
    public List<ClassInfo> allByName(String name) {
        List<ClassInfo> out = new ArrayList<>();
        for (ClassInfo c : classes) {
            if (c.name().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    public ClassInfo primitiveArrayClass(BasicType type) {
        return primitiveArrays.get(type);
    }

    public ClassInfo javaLangClass() {
        return javaLangClass;
    }

    public SizeModel sizeModel() {
        return sizes;
    }

    /** Whether {@code c} is {@code ancestorName} or a subclass of it. */
    public boolean isSubclassOf(ClassInfo c, String ancestorName) {
        int guard = 0;
        for (ClassInfo k = c; k != null && guard++ < 1000; k = k.superNumber >= 0 ? classes.get(k.superNumber) : null) {
            if (k.name().equals(ancestorName)) {
                return true;
            }
        }
        return false;
    }
}
