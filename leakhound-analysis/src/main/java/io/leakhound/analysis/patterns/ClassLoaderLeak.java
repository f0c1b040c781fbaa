package io.leakhound.analysis.patterns;

import io.leakhound.analysis.model.Suspect;
import io.leakhound.heap.index.ClassInfo;
import io.leakhound.heap.index.ClassTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code class-loader-leak}: under the suspect sit several class loaders of the same type — superseded
 * deployments (redeploys, plugin reloads) kept alive, with all their classes and statics, by something a
 * longer-lived loader holds (a JVM-wide registry, a listener list, a ThreadLocal, a thread).
 */
public final class ClassLoaderLeak implements LeakPattern {
    @Override
    public String id() {
        return "class-loader-leak";
    }

    @Override
    public Optional<PatternMatch> match(SuspectEvidence e) {
        ClassTable classes = e.index().classes();
        Map<String, Long> loaders = new HashMap<>();
        for (Suspect.ElementClass c : e.contents()) {
            ClassInfo info = classes.byName(c.className());
            if (info != null && !info.isArray() && classes.isSubclassOf(info, "java.lang.ClassLoader")) {
                loaders.merge(c.className(), c.instances(), Long::sum);
            }
        }
        var most = loaders.entrySet().stream().max(Map.Entry.comparingByValue());
        if (most.isEmpty() || most.get().getValue() < 2) {
            return Optional.empty();
        }
        String finding = most.get().getValue() + " class loaders of type " + most.get().getKey()
                + " kept alive with their classes (superseded deployments or reloaded plugins)";
        return Optional.of(new PatternMatch(id(), finding, "When a deployment or plugin stops, undo everything it"
                + " registered outside itself: listeners and callbacks in JVM-wide registries, JDBC drivers"
                + " (DriverManager.deregisterDriver), ThreadLocals of shared threads, threads and timers it"
                + " started, shutdown hooks, caches keyed by its classes. The path below shows which of these still"
                + " holds the old loader."));
    }
}
