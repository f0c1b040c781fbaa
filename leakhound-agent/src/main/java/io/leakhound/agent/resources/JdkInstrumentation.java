package io.leakhound.agent.resources;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Which JDK and JDBC methods open and close what ({@code docs/tracker.md} lists them), and the ByteBuddy agent
 * that inlines {@link ResourceAdvice} into them: already loaded JDK classes are retransformed (no class format
 * change: advice only), JDBC drivers and data sources when they are loaded.
 */
final class JdkInstrumentation {
    /** The kinds the instrumentation tracks. */
    static final List<String> KINDS = List.of("file", "file-channel", "socket", "server-socket", "socket-channel",
            "server-socket-channel", "selector", "zip", "jdbc-connection");

    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Consumer<String> warn;
    private volatile boolean started;
    private volatile boolean warnedLate;

    /** {@code warn} gets one line for the first class that fails to be instrumented after start-up. */
    JdkInstrumentation(Consumer<String> warn) {
        this.warn = warn;
    }

    /** Classes instrumented so far. */
    Set<String> transformed() {
        return transformed;
    }

    /** Classes that could not be instrumented, with why. */
    Set<String> failed() {
        return failed;
    }

    /**
     * The JDK classes instrumented, loaded (not initialized) before the agent is installed so that they are
     * retransformed with the others: ByteBuddy does not transform a class whose loading it causes itself, and
     * which of them that is differs between JDK versions (on JDK 25, {@code java.net.Socket}).
     */
    static final List<String> JDK_CLASSES = List.of("java.io.FileInputStream", "java.io.FileOutputStream",
            "java.io.RandomAccessFile", "sun.nio.ch.FileChannelImpl", "sun.nio.ch.SocketChannelImpl",
            "sun.nio.ch.ServerSocketChannelImpl", "java.net.Socket", "java.net.ServerSocket", "java.util.zip.ZipFile",
            "java.nio.channels.spi.AbstractInterruptibleChannel", "java.nio.channels.spi.AbstractSelector",
            "sun.nio.ch.EPollSelectorImpl", "sun.nio.ch.KQueueSelectorImpl", "sun.nio.ch.WEPollSelectorImpl",
            "sun.nio.ch.PollSelectorImpl");

    private static void preload() {
        for (String name : JDK_CLASSES) {
            try {
                Class.forName(name, false, null);
            } catch (ClassNotFoundException | LinkageError e) {
                // another platform's selector
            }
        }
    }

    void install(Instrumentation inst) {
        preload();
        // No ByteBuddy nexus (it would inject a class through Unsafe, which JDK 24+ warns about): advice needs
        // no initializers. The shade plugin relocates this name along with ByteBuddy's own reading of it.
        if (System.getProperty("net.bytebuddy.nexus.disabled") == null) {
            System.setProperty("net.bytebuddy.nexus.disabled", "true");
        }
        AgentBuilder b = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE) // advice only: no helper classes to inject
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                            boolean loaded, DynamicType dynamicType) {
                        transformed.add(type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable error) {
                        failed.add(typeName + ": " + error);
                        if (started && !warnedLate) {
                            warnedLate = true;
                            warn.accept("resources: could not instrument " + typeName + " (" + error
                                    + "); its resources are not tracked");
                        }
                    }
                })
                .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("io.leakhound.")).or(isSynthetic()));
        ElementMatcher.Junction<MethodDescription> close = named("close").and(takesNoArguments());
        b = opensThis(b, "java.io.FileInputStream", isConstructor().and(takesArguments(File.class)), "file");
        b = opensThis(b, "java.io.FileOutputStream", isConstructor().and(takesArguments(File.class, boolean.class)),
                "file");
        b = opensThis(b, "java.io.RandomAccessFile", isConstructor().and(takesArgument(0, File.class)), "file");
        b = b.type(named("sun.nio.ch.FileChannelImpl")).transform((builder, t, l, m, pd) -> builder.visit(
                advice(ResourceAdvice.OpensThisUnlessShared.class, "file-channel").on(isConstructor())));
        b = opensThis(b, "sun.nio.ch.SocketChannelImpl", isConstructor(), "socket-channel");
        b = opensThis(b, "sun.nio.ch.ServerSocketChannelImpl", isConstructor(), "server-socket-channel");
        b = b.type(nameStartsWith("sun.nio.ch.").and(nameEndsWith("SelectorImpl")).and(not(isAbstract())))
                .transform((builder, t, l, m, pd) -> builder.visit(
                        advice(ResourceAdvice.OpensThis.class, "selector").on(isConstructor())));
        b = opensThis(b, "java.net.Socket", named("connect").and(takesArguments(SocketAddress.class, int.class))
                .or(named("bind").and(takesArguments(SocketAddress.class))), "socket");
        b = b.type(named("java.net.ServerSocket")).transform((builder, t, l, m, pd) -> builder
                .visit(advice(ResourceAdvice.OpensThis.class, "server-socket")
                        .on(named("bind").and(takesArguments(SocketAddress.class, int.class))))
                .visit(advice(ResourceAdvice.OpensReturned.class, "socket").on(named("accept").and(takesNoArguments())))
                .visit(Advice.to(ResourceAdvice.Closes.class).on(close)));
        b = opensThis(b, "java.util.zip.ZipFile", isConstructor().and(takesArguments(File.class, int.class,
                Charset.class)), "zip");
        // every channel's and selector's close() ends in these final methods
        b = b.type(named("java.nio.channels.spi.AbstractInterruptibleChannel").or(
                named("java.nio.channels.spi.AbstractSelector"))).transform((builder, t, l, m, pd) -> builder
                        .visit(Advice.to(ResourceAdvice.Closes.class).on(close)));
        // JDBC: what drivers and data sources return; any Connection's close
        b = b.type(hasSuperType(named("java.sql.Driver")).and(not(isInterface())))
                .transform((builder, t, l, m, pd) -> builder.visit(advice(ResourceAdvice.LibraryReturns.class,
                        "jdbc-connection").on(named("connect").and(takesArguments(2))
                                .and(returns(hasSuperType(named("java.sql.Connection")))))));
        b = b.type(hasSuperType(named("javax.sql.DataSource")).and(not(isInterface())))
                .transform((builder, t, l, m, pd) -> builder.visit(advice(ResourceAdvice.LibraryReturns.class,
                        "jdbc-connection").on(named("getConnection")
                                .and(returns(hasSuperType(named("java.sql.Connection")))))));
        b = b.type(hasSuperType(named("java.sql.Connection")).and(not(isInterface())))
                .transform((builder, t, l, m, pd) -> builder.visit(Advice.to(ResourceAdvice.Closes.class)
                        .on(close.and(not(isAbstract())))));
        b.installOn(inst);
        started = true;
    }

    /** {@code type}'s {@code opens} methods open {@code this} as a {@code kind}; its {@code close()} closes it. */
    private static AgentBuilder opensThis(AgentBuilder b, String type, ElementMatcher<? super MethodDescription> opens,
            String kind) {
        return b.type(named(type)).transform((builder, t, l, m, pd) -> builder
                .visit(advice(ResourceAdvice.OpensThis.class, kind).on(opens))
                .visit(Advice.to(ResourceAdvice.Closes.class).on(named("close").and(takesNoArguments()))));
    }

    private static Advice advice(Class<?> adviceClass, String kind) {
        return Advice.withCustomMapping().bind(ResourceAdvice.Kind.class, kind).to(adviceClass);
    }
}
