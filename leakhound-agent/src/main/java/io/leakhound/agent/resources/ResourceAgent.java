package io.leakhound.agent.resources;

import io.leakhound.tracker.Level;
import io.leakhound.tracker.ResourceTracker;
import io.leakhound.tracker.hooks.JdkHooks;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.management.ObjectName;

/**
 * Resource tracking in the agent: puts the tracker on the bootstrap class path, sets the global tracker's
 * level from the options, instruments the JDK and JDBC classes and registers the MBean that
 * {@code leakhound resources PID} reads. Done once per JVM, synchronously in {@code premain}/{@code agentmain}
 * so that resources opened right after start-up are tracked too.
 */
public final class ResourceAgent {
    private static volatile JdkInstrumentation installed;

    private ResourceAgent() {
    }

    /** Whether tracking was installed in this JVM. */
    public static boolean installed() {
        return installed != null;
    }

    /**
     * Installs tracking as {@code options} say (nothing when they leave it off); a second call only changes the
     * level, sampling, records and threshold. Problems go to {@code warn} as one line each; never throws.
     */
    public static synchronized void install(ResourceOptions options, Instrumentation inst, Consumer<String> warn) {
        if (!options.enabled() && installed == null) {
            return;
        }
        try {
            if (inst == null) {
                warn.accept("resources: no instrumentation (load the agent with -javaagent or jcmd JVMTI.agent_load)");
                return;
            }
            BootstrapJar.append(inst);
            Tracking.configure(options);
            if (installed != null) {
                return;
            }
            Tracking.readEdges(inst);
            JdkInstrumentation jdk = new JdkInstrumentation(warn);
            jdk.install(inst);
            installed = jdk;
            Tracking.registerMBean();
            String failed = jdk.failed().isEmpty() ? "" : "; not instrumented: " + String.join("; ", jdk.failed());
            if (Boolean.getBoolean("leakhound.agent.debug")) {
                warn.accept("instrumented: " + jdk.transformed());
            }
            warn.accept("tracking resources at level " + options.level() + " (" + jdk.transformed().size()
                    + " loaded classes instrumented, JDBC drivers as they load" + failed + ")");
        } catch (Throwable e) {
            warn.accept("resources: not tracked: " + e);
        }
    }

    /**
     * The parts that use the tracker's classes, loaded only after {@link BootstrapJar#append}: so that they
     * resolve to the bootstrap copy.
     */
    private static final class Tracking {
        private Tracking() {
        }

        static void configure(ResourceOptions o) {
            ResourceTracker t = ResourceTracker.global();
            if (t.getClass().getClassLoader() != null) {
                throw new IllegalStateException("the tracker was loaded by " + t.getClass().getClassLoader()
                        + " before the agent: instrumented JDK classes could not reach it");
            }
            t.setSamplingInterval(o.sampling());
            t.setAccessRecords(o.records());
            t.setOpenThreshold(o.threshold());
            t.setLevel(Level.parse(o.level()));
            t.start();
        }

        /** java.base, whose classes are instrumented, must read the bootstrap loader's unnamed module. */
        static void readEdges(Instrumentation inst) {
            Module hooks = JdkHooks.class.getModule();
            Module base = Object.class.getModule();
            if (!base.canRead(hooks)) {
                inst.redefineModule(base, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }

        static void registerMBean() throws Exception {
            ObjectName name = new ObjectName(ResourcesMXBean.NAME);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(name)) {
                server.registerMBean(new ResourcesBean(ResourceTracker.global()), name);
            }
        }
    }
}
