package io.leakhound.live.watch;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JVM to watch and the JMX connection to it: a local JVM by PID (Attach API: its local management agent is
 * started if needed and reached through its connector address, which listens on loopback only), a remote JVM
 * by {@code service:jmx:} URL, or this JVM (the agent).
 */
public final class JvmTarget implements AutoCloseable {
    /** How long a remote connection may take before the URL counts as unreachable. */
    public static final long CONNECT_TIMEOUT_SECONDS = 15;

    private final MBeanServerConnection connection;
    private final JMXConnector connector;
    private final boolean local;
    private final OptionalLong pid;
    private final String description;

    private JvmTarget(MBeanServerConnection connection, JMXConnector connector, boolean local, OptionalLong pid,
            String description) {
        this.connection = connection;
        this.connector = connector;
        this.local = local;
        this.pid = pid;
        this.description = description;
    }

    /** This JVM, through the platform MBean server. */
    public static JvmTarget self() {
        return new JvmTarget(ManagementFactory.getPlatformMBeanServer(), null, true,
                OptionalLong.of(ProcessHandle.current().pid()), "this JVM");
    }

    /** Attaches to a local JVM by PID. */
    public static JvmTarget attach(long pid) throws WatchException {
        ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new WatchException(WatchException.Reason.NO_SUCH_PROCESS,
                        "no such process: " + pid));
        if (pid == ProcessHandle.current().pid()) {
            throw new WatchException(WatchException.Reason.ACCESS_REFUSED, "cannot watch leakhound itself: " + pid);
        }
        String owner = process.info().user().orElse(null);
        String me = System.getProperty("user.name");
        if (owner != null && !owner.equals(me) && !isRoot()) {
            throw new WatchException(WatchException.Reason.ACCESS_REFUSED, "process " + pid + " belongs to user '"
                    + owner + "'; the Attach API only works as the same user (run as '" + owner + "', e.g. sudo -u "
                    + owner + " leakhound watch " + pid + ")");
        }
        String command = process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
        Boolean jvm = looksLikeJvm(pid);
        if (Boolean.FALSE.equals(jvm)) {
            // attaching sends SIGQUIT, which would kill a process that is not a JVM: never try
            throw new WatchException(WatchException.Reason.NOT_A_JVM, "process " + pid + " (" + command
                    + ") is not a Java VM");
        }
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw attachFailure(pid, command, process, e);
        } catch (IOException e) {
            throw attachFailure(pid, command, process, e);
        } catch (SecurityException e) {
            throw new WatchException(WatchException.Reason.ACCESS_REFUSED, "attach to process " + pid + " refused: "
                    + e.getMessage(), e);
        }
        try {
            JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address), env(null, null));
            return new JvmTarget(c.getMBeanServerConnection(), c, true, OptionalLong.of(pid), "pid " + pid);
        } catch (IOException e) {
            if (!process.isAlive()) {
                throw new WatchException(WatchException.Reason.NO_SUCH_PROCESS, "process " + pid + " exited", e);
            }
            throw new WatchException(WatchException.Reason.UNREACHABLE, "cannot connect to the management agent"
                    + " of process " + pid + ": " + rootMessage(e), e);
        }
    }

    private static WatchException attachFailure(long pid, String command, ProcessHandle process, Exception e) {
        if (!process.isAlive()) {
            return new WatchException(WatchException.Reason.NO_SUCH_PROCESS, "process " + pid + " exited", e);
        }
        String m = String.valueOf(rootMessage(e));
        if (m.contains("ermission denied") || m.contains("not secure") || m.contains("Operation not permitted")) {
            return new WatchException(WatchException.Reason.ACCESS_REFUSED, "attach to process " + pid
                    + " refused (another user's JVM?): " + m, e);
        }
        return new WatchException(WatchException.Reason.NOT_A_JVM, "process " + pid + " (" + command
                + ") does not answer the Attach API: not a HotSpot JVM, started with"
                + " -XX:+DisableAttachMechanism, or in another container", e);
    }

    /** Whether a process maps {@code libjvm}; null when that cannot be read (not Linux, another user). */
    static Boolean looksLikeJvm(long pid) {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        try (var lines = Files.lines(maps)) {
            return lines.anyMatch(l -> l.contains("/libjvm."));
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Connects to a remote JVM by JMX service URL, with optional credentials. */
    public static JvmTarget connect(String url, String user, String password) throws WatchException {
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new WatchException(WatchException.Reason.BAD_URL, "not a PID or a JMX service URL: '" + url
                    + "' (try service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi)", e);
        }
        ExecutorService connecting = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "leakhound-jmx-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<JMXConnector> f = connecting.submit(() -> JMXConnectorFactory.connect(serviceUrl,
                    env(user, password)));
            JMXConnector c = f.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new JvmTarget(c.getMBeanServerConnection(), c, false, OptionalLong.empty(), url);
        } catch (TimeoutException e) {
            throw new WatchException(WatchException.Reason.UNREACHABLE, "no answer from " + url + " within "
                    + CONNECT_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SecurityException) {
                throw new WatchException(WatchException.Reason.ACCESS_REFUSED, "JMX authentication failed at " + url
                        + (user == null ? " (pass --user and --password-file)" : "") + ": " + cause.getMessage(), e);
            }
            throw new WatchException(WatchException.Reason.UNREACHABLE, "cannot connect to " + url + ": "
                    + rootMessage(cause), e);
        } catch (IOException e) {
            throw new WatchException(WatchException.Reason.UNREACHABLE, "cannot connect to " + url + ": "
                    + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchException(WatchException.Reason.UNREACHABLE, "interrupted while connecting to " + url, e);
        } finally {
            connecting.shutdownNow();
        }
    }

    private static Map<String, Object> env(String user, String password) {
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password == null ? "" : password});
        }
        // notice a dead connection within seconds, not the default minute
        env.put("jmx.remote.x.client.connection.check.period", 5000L);
        return env;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** Runs {@code action} once when the target goes away: process exit or a closed or failed connection. */
    public void onLost(Runnable action) {
        Runnable once = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (!done) {
                    done = true;
                    action.run();
                }
            }
        };
        if (pid.isPresent() && connector != null) {
            ProcessHandle.of(pid.getAsLong()).ifPresentOrElse(p -> p.onExit().thenRun(once), once);
        }
        if (connector != null) {
            connector.addConnectionNotificationListener((n, h) -> {
                String type = n.getType();
                if (JMXConnectionNotification.CLOSED.equals(type) || JMXConnectionNotification.FAILED.equals(type)) {
                    once.run();
                }
            }, null, null);
        }
    }

    public MBeanServerConnection connection() {
        return connection;
    }

    /** Whether the target shares this host's file system (PID attach or this JVM): heap dumps land here. */
    public boolean local() {
        return local;
    }

    public OptionalLong pid() {
        return pid;
    }

    /** {@code pid N}, the URL, or {@code this JVM}. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException | RuntimeException e) {
                // the target may be gone already
            }
        }
    }
}
