package io.leakhound.analysis.scenarios.plugin;

import io.leakhound.analysis.scenarios.ClassLoaderLeak;

/**
 * The plugin of {@link ClassLoaderLeak}: loaded anew by each deployment's own class loader. Its class
 * initializer builds a template cache of {@value #CACHE_BYTES} bytes (a static field, so it lives as long as
 * the class, i.e. as long as its loader); starting it registers a handler with the host's JVM-wide registry,
 * and stopping it forgets to unregister.
 */
public final class ReportingPlugin implements Runnable {
    public static final int CACHE_BYTES = 5 * 1024 * 1024;
    private static final byte[][] TEMPLATE_CACHE = new byte[5][CACHE_BYTES / 5];

    /** For message bundles: the loader of the deployment (the handler keeps it, and with it every class). */
    private final ClassLoader bundleLoader = ReportingPlugin.class.getClassLoader();
    private int reports;

    /** Starts the plugin. */
    @Override
    public void run() {
        TEMPLATE_CACHE[0][0] = 1;
        ClassLoaderLeak.HostRegistry.register(this);
    }

    /** Stops the plugin: the bug is that it does not call {@code HostRegistry.unregister(this)}. */
    public void stop() {
        reports = -1;
    }

    @Override
    public String toString() {
        return "ReportingPlugin@" + bundleLoader + " (" + reports + " reports)";
    }
}
