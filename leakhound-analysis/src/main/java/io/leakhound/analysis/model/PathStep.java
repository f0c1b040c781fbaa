package io.leakhound.analysis.model;

/**
 * One hop on a reference path. The first step is the GC root itself ({@code kind = "root"}, with
 * {@code rootKind} and, for thread and frame roots, the thread and method). Each later step is a reference:
 * {@code className} is the class of the object holding it (the declaring class for a static field),
 * {@code field} its name or {@code index} the array slot, and {@code id}/{@code targetClass} the object it
 * points to.
 *
 * @param kind {@code root}, {@code static-field}, {@code field} or {@code array-element}
 * @param className class of the holder (for the root step: class of the root object)
 * @param field field name, null for roots and array elements
 * @param index array index, null unless an array element
 * @param id hex id of the object this step reaches
 * @param targetClass class of the object this step reaches
 * @param rootKind for roots: {@code sticky-class}, {@code thread}, {@code java-frame}, ...
 * @param thread for thread and frame roots: the thread, as far as the dump and redaction allow
 * @param method for frame roots: the method, when the dump says
 */
public record PathStep(String kind, String className, String field, Long index, String id, String targetClass,
                       String rootKind, String thread, String method) {
}
