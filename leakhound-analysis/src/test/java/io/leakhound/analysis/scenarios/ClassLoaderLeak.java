package io.leakhound.analysis.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>Leak: {@code class-loader-leak}.</b> A host redeploys a plugin {@value #DEPLOYMENTS} times. Each
 * deployment gets its own child-first {@link PluginClassLoader} that defines
 * {@link io.leakhound.analysis.scenarios.plugin.ReportingPlugin} from the class file bytes again, so each
 * deployment has its own class with its own 5 MB static template cache. Starting the plugin registers a handler
 * in a JVM-wide registry of the host (a class of the application loader); undeploying drops the host's
 * reference but the handler stays registered, and the handler keeps its deployment's loader (and so all its
 * classes and their statics) reachable.
 *
 * <p>Expected diagnosis: pattern {@code class-loader-leak}; superseded loaders: {@value #DEPLOYMENTS}−1 of the
 * {@value #DEPLOYMENTS} {@code ClassLoaderLeak$PluginClassLoader} instances (the current one is held by
 * {@code ClassLoaderLeak.currentDeployment}); holder static field {@code ClassLoaderLeak$HostRegistry.HANDLERS}
 * ({@code java.util.ArrayList}), path {@code HANDLERS → ReportingPlugin.bundleLoader → PluginClassLoader →
 * classes → ReportingPlugin class → TEMPLATE_CACHE}; about 20 MB leaked.
 */
public final class ClassLoaderLeak {
    public static final int DEPLOYMENTS = 5;
    public static final String PLUGIN = "io.leakhound.analysis.scenarios.plugin.ReportingPlugin";

    /** JVM-wide handler registry of the host (think {@code java.util.logging} handlers or a shutdown hook list). */
    public static final class HostRegistry {
        static final List<Object> HANDLERS = new ArrayList<>();

        private HostRegistry() {
        }

        public static synchronized void register(Object handler) {
            HANDLERS.add(handler);
        }

        public static synchronized void unregister(Object handler) {
            HANDLERS.remove(handler);
        }
    }

    /** A child-first loader for one deployment: defines the plugin's classes itself, delegates the rest. */
    static final class PluginClassLoader extends ClassLoader {
        final String deployment;

        PluginClassLoader(String deployment, ClassLoader parent) {
            super("plugin-" + deployment, parent);
            this.deployment = deployment;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("io.leakhound.analysis.scenarios.plugin.")) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    /** The running deployment. */
    static Runnable currentDeployment;

    private ClassLoaderLeak() {
    }

    static void redeploy(int version) throws Exception {
        if (currentDeployment != null) {
            currentDeployment.getClass().getMethod("stop").invoke(currentDeployment);
            currentDeployment = null;
        }
        PluginClassLoader loader = new PluginClassLoader("v" + version, ClassLoaderLeak.class.getClassLoader());
        Class<?> plugin = loader.loadClass(PLUGIN);
        SelfDump.check(plugin.getClassLoader() == loader, "the plugin was not loaded child-first");
        Runnable p = (Runnable) plugin.getDeclaredConstructor().newInstance();
        p.run();
        currentDeployment = p;
    }

    public static void main(String[] args) throws Exception {
        for (int v = 1; v <= DEPLOYMENTS; v++) {
            redeploy(v);
        }
        SelfDump.check(HostRegistry.HANDLERS.size() == DEPLOYMENTS, "handlers: " + HostRegistry.HANDLERS.size());
        SelfDump.liveHeap(args[0]);
    }
}
