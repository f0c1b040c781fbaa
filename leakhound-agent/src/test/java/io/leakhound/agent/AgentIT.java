package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code leakhound-agent.jar} in real JVMs: a leaking service's endpoint is scraped and parsed as
 * Prometheus text format (verdict, rates, growing classes); the service exits normally (the agent's threads are
 * daemons); bad options cost the service one stderr line and nothing else.
 */
class AgentIT {
    static final String JAR = System.getProperty("agent.jar", "target/leakhound-agent.jar");

    private static Process start(String agentArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseG1GC", "-javaagent:" + Path.of(JAR).toAbsolutePath() + (agentArgs == null ? ""
                        : "=" + agentArgs), "-cp", System.getProperty("java.class.path"), LeakingApp.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void leakingServiceEndpointIsPrometheusTextWithALeakVerdict() throws Exception {
        int port = freePort();
        Process app = start("port=" + port + ",histogram=2s,top=5,minspan=10s", "35", "leak");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");
            Thread.sleep(28_000);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            List<PrometheusText.Sample> samples = PrometheusText.parse(r.body());
            System.out.println(r.body().lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
            assertThat(samples.stream().map(PrometheusText.Sample::name).collect(Collectors.toSet()))
                    .as("every documented metric, and no other").isEqualTo(AgentMetrics.NAMES);
            assertThat(value(samples, "leakhound_verdict", "leak")).as(r.body()).isEqualTo(1.0);
            assertThat(value(samples, "leakhound_verdict", "no-leak")).isEqualTo(0.0);
            assertThat(value(samples, "leakhound_growth_bytes_per_second", null)).isBetween(0.6 * (1 << 20), 1.6 * (1 << 20));
            assertThat(value(samples, "leakhound_live_set_bytes", null)).isBetween(4.0 * (1 << 20), 64.0 * (1 << 20));
            assertThat(value(samples, "leakhound_limit_bytes", null)).isEqualTo(64.0 * (1 << 20));
            assertThat(value(samples, "leakhound_seconds_to_limit", null)).isBetween(1.0, 120.0);
            assertThat(value(samples, "leakhound_collections_total", null)).isPositive();
            assertThat(value(samples, "leakhound_class_histograms_total", null)).isGreaterThanOrEqualTo(8);
            List<PrometheusText.Sample> classes = samples.stream()
                    .filter(s -> s.name().equals("leakhound_class_growth_bytes_per_second")).toList();
            assertThat(classes).hasSizeLessThanOrEqualTo(5);
            assertThat(classes).as(r.body()).anyMatch(s -> s.labels().get("class").equals("[B"));
            assertThat(value(samples, "leakhound_agent_cpu_seconds_total", null)).isLessThan(2.0);
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the service exits: agent threads are daemons").isTrue();
            assertThat(app.exitValue()).isZero();
            String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(err.strip()).isEqualTo("leakhound-agent: metrics on http://127.0.0.1:" + port + "/metrics");
        } finally {
            app.destroyForcibly();
        }
    }

    private static double value(List<PrometheusText.Sample> samples, String name, String state) {
        return samples.stream().filter(s -> s.name().equals(name) && (state == null || state.equals(s.labels().get("state"))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name)).value();
    }

    @Test
    void badOptionsOrABusyPortCostTheServiceOneLineAndNothingElse() throws Exception {
        int port = freePort();
        try (ServerSocket busy = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            for (String args : List.of("host=0.0.0.0", "port=banana", "colour=red", "port=" + port)) {
                Process app = start(args, "2");
                assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String out = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(app.exitValue()).as(args + ": " + err).isZero();
                assertThat(out).startsWith("started").contains("done 0");
                assertThat(err.strip()).as(args).startsWith("leakhound-agent: not started: ").doesNotContain("\n");
            }
        }
    }
}
