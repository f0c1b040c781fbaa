package io.leakhound.agent.resources;

import io.leakhound.tracker.hooks.JdkHooks;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;

/**
 * The code ByteBuddy inlines into instrumented methods: each calls one {@link JdkHooks} method, which never
 * throws. Only successful opens are tracked (exit advice without {@code onThrowable}: a constructor that throws
 * opened nothing); a close is counted even when it throws, as the JDK releases the descriptor anyway.
 */
final class ResourceAdvice {
    private ResourceAdvice() {
    }

    /** The kind a transformation binds (a constant per instrumented class). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Kind {
    }

    /** A constructor or method that opens {@code this}. */
    static final class OpensThis {
        private OpensThis() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Kind String kind) {
            JdkHooks.opened(self, kind);
        }
    }

    /** A file channel's constructor: tracked unless it shares the descriptor of its parent stream. */
    static final class OpensThisUnlessShared {
        private OpensThisUnlessShared() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.AllArguments Object[] arguments, @Kind String kind) {
            JdkHooks.openedUnlessShared(self, kind, arguments);
        }
    }

    /** A method that returns what it opened ({@code ServerSocket.accept}). */
    static final class OpensReturned {
        private OpensReturned() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return Object returned, @Kind String kind) {
            JdkHooks.opened(returned, kind);
        }
    }

    /** A JDBC driver's or data source's method that returns a connection. */
    static final class LibraryReturns {
        private LibraryReturns() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return Object returned, @Kind String kind) {
            JdkHooks.openedByLibrary(returned, kind);
        }
    }

    /** A method that closes {@code this}. */
    static final class Closes {
        private Closes() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self) {
            JdkHooks.closed(self);
        }
    }
}
