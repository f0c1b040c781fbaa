package io.leakhound.analysis.suspects;

import io.leakhound.analysis.model.PathStep;
import java.util.List;

/**
 * The name a developer knows a holder by, from its GC-root path: the last static field on the path and the
 * fields after it ({@code MetricsRegistry.INSTANCE.perUser}); else the thread or frame that roots it
 * ({@code local in Worker.run() of thread #12}); else the root's kind and class. Never a heap value.
 */
public final class HolderNames {
    private HolderNames() {
    }

    public static String of(List<PathStep> path) {
        if (path.isEmpty()) {
            return "an unreachable object";
        }
        int staticStep = -1;
        for (int i = path.size() - 1; i >= 0; i--) {
            if ("static-field".equals(path.get(i).kind())) {
                staticStep = i;
                break;
            }
        }
        StringBuilder name = new StringBuilder();
        int from;
        int threadLocals = -1;
        for (int i = 1; i < path.size(); i++) {
            String f = path.get(i).field();
            if ("threadLocals".equals(f) || "inheritableThreadLocals".equals(f)) {
                threadLocals = i;
            }
        }
        PathStep first = path.get(0);
        if (path.size() == 1 && first.thread() != null && first.id() != null && first.thread().contains(first.id())) {
            return first.thread();  // the thread object itself, rooted by its own stack
        }
        if (threadLocals > staticStep) {
            // a thread's own ThreadLocal map: name the thread, not the frame that happens to reference it
            PathStep root = path.get(0);
            name.append(root.thread() != null ? root.thread() : "thread " + path.get(threadLocals).id());
            from = threadLocals;
        } else if (staticStep >= 0) {
            PathStep s = path.get(staticStep);
            name.append("static ").append(simpleName(s.className())).append('.').append(s.field());
            from = staticStep + 1;
        } else {
            PathStep root = path.get(0);
            if ("java-frame".equals(root.rootKind()) || "jni-local".equals(root.rootKind())) {
                name.append("local variable");
                if (root.method() != null) {
                    name.append(" in ").append(root.method());
                }
                if (root.thread() != null) {
                    name.append(" of ").append(root.thread());
                }
            } else if (root.thread() != null) {
                name.append(root.thread());
            } else {
                name.append(root.rootKind()).append(" root ").append(simpleName(root.className()));
            }
            from = 1;
        }
        for (int i = from; i < path.size(); i++) {
            PathStep s = path.get(i);
            if ("array-element".equals(s.kind())) {
                name.append('[').append(s.index()).append(']');
            } else if (s.field() != null && !s.field().startsWith("<")) {
                name.append('.').append(s.field());
            }
        }
        return name.toString();
    }

    /** {@code com.acme.Cache$Entry} → {@code Cache$Entry}. */
    public static String simpleName(String className) {
        if (className == null) {
            return "?";
        }
        String c = className.startsWith("class ") ? className.substring(6) : className;
        int dot = c.lastIndexOf('.');
        return dot < 0 ? c : c.substring(dot + 1);
    }
}
