package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's resource tracking in a real child JVM ({@link ResourceLeakingApp}): the open files, sockets and
 * JDBC connections are listed on {@code /resources} with the app's opening lines; the gauges match the
 * process's file descriptors in {@code /proc/PID/fd}; dropped streams and connections are reported as leaks
 * on stderr with their lines, and the password in the JDBC URL never appears.
 */
class ResourcesAgentIT {
    @TempDir
    Path dir;

    static Process start(Path dir, String agentArgs, int keep) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Xshare:auto", "-javaagent:" + Path.of(AgentIT.JAR).toAbsolutePath() + "=" + agentArgs,
                "-cp", System.getProperty("java.class.path"), ResourceLeakingApp.class.getName(), dir.toString(),
                Integer.toString(keep)));
        return new ProcessBuilder(cmd).start();
    }

    @Test
    void aBadResourceOptionCostsTheServiceOneLine() throws Exception {
        Process app = start(dir, "resources=paranoid", 1);
        app.getOutputStream().close();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(app.exitValue()).as(err).isZero();
        assertThat(err.strip()).isEqualTo("leakhound-agent: not started: resources must be off, sampled or all:"
                + " 'paranoid'");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Map<String, Integer> lines(String ready) {
        assertThat(ready).startsWith("ready ");
        Map<String, Integer> m = new HashMap<>();
        Matcher x = Pattern.compile("(\\w+)=(\\d+)").matcher(ready);
        while (x.find()) {
            m.put(x.group(1), Integer.parseInt(x.group(2)));
        }
        return m;
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static JsonNode group(JsonNode listing, String kind, String site) {
        for (JsonNode g : listing.path("groups")) {
            if (g.path("kind").asText().equals(kind) && g.path("site").asText().equals(site)) {
                return g;
            }
        }
        throw new AssertionError("no " + kind + " group at " + site + " in " + listing.toPrettyString());
    }

    private static String site(String method, int line) {
        return ResourceLeakingApp.class.getName() + "." + method + "(ResourceLeakingApp.java:" + line + ")";
    }

    /** The targets of the process's file descriptors. */
    private static List<String> fds(long pid) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : s.toList()) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return out;
    }

    /** The inodes of the TCP sockets (IPv4 and IPv6) in the process's network namespace. */
    private static Set<String> tcpInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path p = Path.of("/proc", Long.toString(pid), "net", table);
            if (Files.exists(p)) {
                for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                    String[] cols = line.strip().split("\\s+");
                    if (cols.length > 9) {
                        inodes.add(cols[9]);
                    }
                }
            }
        }
        return inodes;
    }

    private static double gauge(List<PrometheusText.Sample> samples, String kind) {
        return samples.stream().filter(s -> s.name().equals("leakhound_resources_open")
                && kind.equals(s.labels().get("kind"))).mapToDouble(PrometheusText.Sample::value).findFirst().orElse(0);
    }

    @Test
    void openHandlesAreListedWithTheirLinesTheGaugesMatchProcFdAndDroppedOnesAreReported() throws Exception {
        int port = freePort();
        Process app = start(dir, "port=" + port + ",resources=all,resources.threshold=20", 5);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null) {
                throw new AssertionError(new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Map<String, Integer> at = lines(ready);
            JsonNode listing = new ObjectMapper().readTree(get(port, "/resources"));
            assertThat(listing.path("level").asText()).isEqualTo("all");
            assertThat(group(listing, "file", site("openAndKeep", at.get("keep"))).path("count").asInt()).isEqualTo(5);
            assertThat(group(listing, "file", site("openAndKeep", at.get("keep"))).path("openedAt").get(0).asText())
                    .startsWith("java.io.FileInputStream.<init>(");
            assertThat(group(listing, "file", site("dropUnclosed", at.get("drop"))).path("count").asInt()).isEqualTo(3);
            assertThat(group(listing, "file-channel", site("nioKeep", at.get("nio"))).path("count").asInt()).isEqualTo(2);
            assertThat(group(listing, "socket", site("connectAndKeep", at.get("socket"))).path("count").asInt())
                    .as("the client").isOne();
            assertThat(group(listing, "socket", site("connectAndKeep", at.get("socket") + 2)).path("openedAt").get(0)
                    .asText()).as("the accepted socket").startsWith("java.net.ServerSocket.accept(");
            assertThat(group(listing, "jdbc-connection", site("jdbcKeep", at.get("jdbc"))).path("count").asInt()).isOne();
            assertThat(group(listing, "jdbc-connection", site("dataSourceDrop", at.get("ds"))).path("count").asInt())
                    .isOne();

            // the gauges against the process's descriptors, read right after a scrape: regular files, and TCP
            // sockets (what the JDK classes open; native code such as the resolver may hold a UDP or netlink
            // socket, which is not tracked). The scrapes' own connections and any file the JDK opens for a moment
            // come and go between the scrape and the read: both must match in one of a few tries
            String realDir = dir.toRealPath().toString();
            String seen = "";
            boolean matched = false;
            for (int attempt = 0; attempt < 10 && !matched; attempt++) {
                List<PrometheusText.Sample> metrics = PrometheusText.parse(get(port, "/metrics"));
                List<String> fds = fds(app.pid());
                long filesInDir = fds.stream().filter(t -> t.startsWith(realDir)).count();
                assertThat(filesInDir).as(fds.toString()).isEqualTo(5 + 3 + 2);
                long files = fds.stream().filter(t -> t.startsWith("/") && !t.startsWith("/dev/")
                        && !t.endsWith(".jar") && !t.endsWith("/lib/modules") && !t.endsWith(".jsa")).count();
                double trackedFiles = gauge(metrics, "file") + gauge(metrics, "file-channel");
                Set<String> tcp = tcpInodes(app.pid());
                long sockets = fds.stream().filter(t -> t.startsWith("socket:[")
                        && tcp.contains(t.substring(8, t.length() - 1))).count();
                double tracked = gauge(metrics, "socket") + gauge(metrics, "server-socket")
                        + gauge(metrics, "socket-channel") + gauge(metrics, "server-socket-channel");
                matched = tracked == sockets && trackedFiles == files;
                seen += " files " + trackedFiles + "/" + files + ", sockets " + tracked + "/" + sockets + ";";
                Thread.sleep(300);
            }
            assertThat(matched).as("tracked/descriptors:" + seen).isTrue();

            assertThat(get(port, "/resources?format=text&groups=2&frames=2")).startsWith("tracked resources: level all, ")
                    .contains("\n5 open file java.io.FileInputStream, oldest ").contains("\n... ");
            HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/other")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);

            PrintWriter in = new PrintWriter(app.getOutputStream(), true, StandardCharsets.UTF_8);
            in.println("collect");
            assertThat(out.readLine()).startsWith("collected ");
            JsonNode after = new ObjectMapper().readTree(get(port, "/resources"));
            Map<String, JsonNode> kinds = new HashMap<>();
            after.path("kinds").forEach(k -> kinds.put(k.path("kind").asText(), k));
            assertThat(kinds.get("file").path("leaked").asInt()).isEqualTo(3);
            assertThat(kinds.get("jdbc-connection").path("leaked").asInt()).isOne();
            assertThat(kinds.get("jdbc-connection").path("open").asInt()).isOne();
            assertThat(kinds.get("jdbc-connection").path("closed").asInt()).as("the closed one").isOne();
            in.println("exit");
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(err).contains("leak: file java.io.FileInputStream collected without close(), opened ")
                    .contains(" at " + site("dropUnclosed", at.get("drop")) + "\n")
                    .contains(" collected without close(), opened ")
                    .contains(" at " + site("dataSourceDrop", at.get("ds")) + "\n")
                    .contains("leakhound-agent: tracking resources at level all")
                    .doesNotContain("s3cret").doesNotContain("Exception");
            assertThat(err.split("more than 20 tracked resources open \\(21\\); listed once:", -1))
                    .as("the threshold's listing, once: " + err).hasSize(2);
        } finally {
            app.destroyForcibly();
        }
    }
}
