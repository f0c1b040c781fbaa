package io.leakhound.agent;

import io.leakhound.agent.resources.ResourceAgent;
import io.leakhound.agent.resources.ResourceMetrics;
import io.leakhound.agent.resources.ResourceOptions;
import io.leakhound.agent.resources.ResourcesHandler;
import io.leakhound.live.watch.Watcher;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code -javaagent:leakhound-agent.jar[=port=9404,host=127.0.0.1,limit=2g,histogram=10m,top=10,window=6h]}:
 * the leak watcher inside the service, in-process (no JMX connector, so nothing is buffered on the service's
 * behalf), serving Prometheus metrics on a loopback port. Also loadable into a running JVM ({@code Agent-Class}).
 *
 * <p>Never harms the host: it starts on a daemon thread, every thread it makes is a daemon, and any failure is
 * one line on stderr ({@code leakhound-agent: ...}) and the agent stands down; the service goes on.
 */
public final class LeakhoundAgent {
    private static volatile Running running;

    /** What a started agent holds. */
    public record Running(Watcher watcher, HTTPServer server) {
    }

    private LeakhoundAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        trackResources(args, inst);
        launch(args);
    }

    public static void premain(String args) {
        launch(args);
    }

    public static void agentmain(String args, Instrumentation inst) {
        trackResources(args, inst);
        launch(args);
    }

    /** Opt-in resource tracking ({@code resources=...}), before anything else so that early opens are seen. */
    private static void trackResources(String args, Instrumentation inst) {
        try {
            AgentOptions.parse(args); // a bad argument is reported once, by launch
        } catch (RuntimeException e) {
            return;
        }
        ResourceAgent.install(ResourceOptions.parse(args), inst, LeakhoundAgent::warn);
    }

    public static void agentmain(String args) {
        launch(args);
    }

    private static void launch(String args) {
        try {
            if (running != null) {
                warn("already running on port " + running.server().getPort());
                return;
            }
            Thread t = new Thread(() -> {
                try {
                    start(args);
                } catch (Throwable e) {
                    warn("not started: " + describe(e));
                }
            }, "leakhound-agent-start");
            t.setDaemon(true); // threads started from here (the HTTP server's) are daemons too
            t.start();
        } catch (Throwable e) {
            warn("not started: " + describe(e));
        }
    }

    /** Starts the agent in this thread (tests and embedding); {@code premain} does it on a daemon thread. */
    public static synchronized Running start(String args) throws Exception {
        AgentOptions o = AgentOptions.parse(args);
        Watcher watcher = new Watcher(ManagementFactory.getPlatformMBeanServer(), new Watcher.Options(o.limitBytes(),
                o.histogramInterval(), o.window().toMillis(), 10_000, o.top(), false, o.minSpan().toMillis()), new Watcher.Listener() {
                    private boolean warned;

                    @Override
                    public void failure(String message) {
                        if (!warned) {
                            warned = true;
                            warn(message);
                        }
                    }
                });
        watcher.start();
        PrometheusRegistry registry = AgentMetrics.register(watcher::status, watcher, o.histogramInterval() != null);
        boolean resources = ResourceAgent.installed();
        if (resources) {
            ResourceMetrics.register(registry);
        }
        ExecutorService executor = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "leakhound-agent-http");
            t.setDaemon(true);
            return t;
        });
        HTTPServer server;
        try {
            HTTPServer.Builder builder = HTTPServer.builder().inetAddress(o.host()).port(o.port()).registry(registry)
                    .executorService(executor);
            if (resources) {
                builder.defaultHandler(new ResourcesHandler()); // GET /resources
            }
            server = builder.buildAndStart();
        } catch (Exception e) {
            watcher.close();
            executor.shutdownNow();
            throw e;
        }
        running = new Running(watcher, server);
        System.err.println("leakhound-agent: metrics on http://" + hostForUrl(o) + ":" + server.getPort()
                + "/metrics");
        return running;
    }

    private static String hostForUrl(AgentOptions o) {
        String h = o.host().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static void warn(String message) {
        try {
            System.err.println("leakhound-agent: " + message);
        } catch (Throwable ignored) {
            // nothing more we can do without risk to the host
        }
    }
}
