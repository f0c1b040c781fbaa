package io.leakhound.heap.index;

/** Converts JVM class names as found in dumps ({@code java/lang/String}, {@code [[I}) to Java source form. */
public final class ClassNames {
    private ClassNames() {
    }

    /** {@code java/util/HashMap$Node} → {@code java.util.HashMap$Node}; {@code [Ljava/lang/Object;} → {@code java.lang.Object[]}. */
    public static String toSourceForm(String jvmName) {
        int dims = 0;
        while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return jvmName.replace('/', '.');
        }
        String element = jvmName.substring(dims);
        String base;
        if (element.length() == 1) {
            base = switch (element.charAt(0)) {
                case 'Z' -> "boolean";
                case 'B' -> "byte";
                case 'C' -> "char";
                case 'S' -> "short";
                case 'I' -> "int";
                case 'J' -> "long";
                case 'F' -> "float";
                case 'D' -> "double";
                default -> element;
            };
        } else if (element.startsWith("L") && element.endsWith(";")) {
            base = element.substring(1, element.length() - 1).replace('/', '.');
        } else {
            base = element.replace('/', '.');
        }
        return base + "[]".repeat(dims);
    }
}
