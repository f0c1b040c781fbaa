package io.leakhound.analysis.patterns;

import java.util.List;

/** The known patterns, most specific first: the first that matches a suspect names it. */
public final class LeakPatterns {
    private LeakPatterns() {
    }

    public static List<LeakPattern> all() {
        return List.of(new LinkedHashMapCorrupted(), new ClassLoaderLeak(), new ThreadLocalLeak(), new UnclosedResource(),
                new LeakedReferenceCount(), new CallbackAccumulation(), new UnboundedCollection());
    }
}
