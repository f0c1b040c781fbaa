package io.leakhound.analysis.collections;

/** Whether a class comes with the JDK (by package), for telling user subclasses from JDK ones. */
final class JdkClasses {
    private static final String[] PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private JdkClasses() {
    }

    static boolean isJdk(String className) {
        for (String p : PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
