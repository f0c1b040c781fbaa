package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.cli.demo.LeakyService;
import io.leakhound.heap.testing.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the demo service's dump, opened in headless Chromium (Debian's {@code chromium}; the test
 * is skipped when it is not installed, and {@code .ci/run} installs it). The page runs its self-test when
 * opened with {@code #selftest=TERM}: it filters the histogram, sorts it, expands a dominator row, and writes
 * what it saw, its script errors and its CSP violations into {@code <pre id=selftest>}, which
 * {@code --dump-dom} prints. Console messages come from {@code --enable-logging=stderr}; every request the
 * browser made, from its net log.
 */
class HtmlBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Chromium's own background services, which its flags reduce but do not silence. */
    static final Pattern CHROMIUM_OWN = Pattern.compile("^https?://[^/]*(google\\.com|googleapis\\.com|gstatic\\.com)(/|:|$)");

    @TempDir
    static Path dir;
    static Path html;
    static CliTest.Run analyze;
    static Path diffHtml;
    static CliTest.Run diff;
    static Path trendHtml;
    static CliTest.Run trend;

    @BeforeAll
    static void makeReport() throws Exception {
        Path dump = dir.resolve("leaky.hprof");
        ChildJvm.run(LeakyService.class, List.of("-Xmx256m", "-XX:+UseSerialGC"), 120, dump.toString(), "20000");
        html = dir.resolve("report.html");
        analyze = CliTest.run("analyze", dump.toString(), "--html", html.toString(), "--no-color", "--top", "10");
        // the same service at 5,000 and then 30,000 leaked sessions
        Path before = dir.resolve("before.hprof");
        Path after = dir.resolve("after.hprof");
        ChildJvm.run(LeakyService.class, List.of("-Xmx256m", "-XX:+UseSerialGC"), 120, before.toString(), "5000");
        ChildJvm.run(LeakyService.class, List.of("-Xmx256m", "-XX:+UseSerialGC"), 120, after.toString(), "30000");
        diffHtml = dir.resolve("diff.html");
        diff = CliTest.run("diff", before.toString(), after.toString(), "--html", diffHtml.toString(), "--no-color");
        trendHtml = dir.resolve("trend.html");
        trend = CliTest.run("trend", Path.of(HtmlBrowserTest.class.getResource("/gc-parallel-leak.log").toURI())
                .toString(), "--html", trendHtml.toString());
    }

    @Test
    void theReportIsOneOwnerOnlyFile() throws IOException {
        assertThat(analyze.code()).as(analyze.err()).isZero();
        assertThat(analyze.err()).contains("HTML report written to " + html);
        assertThat(Files.getPosixFilePermissions(html)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.size(html)).isLessThan(5L * 1024 * 1024);
        // an existing file loses group and other permissions before it is overwritten
        Files.setPosixFilePermissions(html, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path dump = dir.resolve("leaky.hprof");
        assertThat(CliTest.run("analyze", dump.toString(), "--html", html.toString(), "--top", "10").code()).isZero();
        assertThat(Files.getPosixFilePermissions(html)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(CliTest.run("analyze", dump.toString(), "--html", "-").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliTest.run("analyze", dump.toString(), "--html", dir.resolve("no/such/dir.html").toString())
                .code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void chromiumDrawsTheSummaryPathAndAWorkingFilterWithoutRequestsOrErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is not installed (apt-get install chromium)");
        assertThat(analyze.code()).as(analyze.err()).isZero();
        Path netLog = dir.resolve("net-log.json");
        Browser b = Browser.run(html.toUri() + "#selftest=LeakyService", dir, "--dump-dom", "--log-net-log=" + netLog);
        Matcher m = Pattern.compile("<pre id=\"selftest\">(.*?)</pre>", Pattern.DOTALL).matcher(b.out());
        assertThat(m.find()).as("self-test output in the DOM; stderr:\n" + b.err()).isTrue();
        JsonNode t = new ObjectMapper().readTree(unescapeHtml(m.group(1)));

        String summary = t.path("summary").asText();
        assertThat(summary).contains("One leak suspect").contains("LeakyService.SESSIONS")
                .contains("Fix:").contains("reachable");
        assertThat(t.path("chainNodes").asInt()).as("root → ... → holder → accumulation point → elements")
                .isGreaterThanOrEqualTo(4);
        assertThat(b.out()).contains("LeakyService.SESSIONS → java.util.HashMap").contains("accumulation point");
        assertThat(t.path("histogramRowsBefore").asInt()).isGreaterThan(100);
        assertThat(t.path("histogramRowsAfter").asInt()).isBetween(1, 5);
        assertThat(t.path("histogramFirstAfter").asText()).contains("LeakyService");
        assertThat(t.path("sortedByInstancesFirst").asText()).matches("[0-9,]+");
        assertThat(t.path("dominatorExpands").asBoolean()).isTrue();
        assertThat(t.path("treemapTiles").asInt()).isGreaterThan(1);

        assertThat(t.path("errors")).as("script errors").isEmpty();
        assertThat(t.path("violations")).as("blocked requests (CSP)").isEmpty();
        assertThat(t.path("resources")).as("loaded resources").isEmpty();
        List<String> console = b.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertThat(console).as("console messages").isEmpty();
        Set<String> requests = new TreeSet<>();
        Matcher u = Pattern.compile("\"url\":\"([^\"]*)\"").matcher(Files.readString(netLog));
        while (u.find()) {
            String url = u.group(1);
            if (!url.startsWith("file:") && !url.startsWith("data:") && !CHROMIUM_OWN.matcher(url).find()) {
                requests.add(url);
            }
        }
        assertThat(requests).as("requests made by the page").isEmpty();
    }

    @Test
    void theDiffPageIsOneOwnerOnlyFile() throws IOException {
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.err()).contains("HTML report written to " + diffHtml);
        assertThat(diff.out()).contains("static LeakyService.SESSIONS grew from 5,000 to 30,000 entries");
        assertThat(Files.getPosixFilePermissions(diffHtml)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.size(diffHtml)).isLessThan(5L * 1024 * 1024);
        Path json = dir.resolve("diff.json");
        CliTest.Run withJson = CliTest.run("diff", dir.resolve("before.hprof").toString(),
                dir.resolve("after.hprof").toString(), "--json", json.toString(), "--html", "-");
        assertThat(withJson.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void chromiumDrawsTheDiffSummaryBarsAndAWorkingFilterWithoutRequestsOrErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is not installed (apt-get install chromium)");
        assertThat(diff.code()).as(diff.err()).isZero();
        Opened o = open(diffHtml, "#selftest=LeakyService$Session");
        JsonNode t = o.selftest();
        assertThat(t.path("summary").asText()).contains("What grew most").contains("LeakyService.SESSIONS")
                .contains("grew from 5,000 to 30,000 entries").contains("unbounded-collection").contains("Fix:");
        assertThat(t.path("barsDrawn").asInt()).as("before/after bars with a width").isGreaterThanOrEqualTo(8);
        assertThat(t.path("classRowsBefore").asInt()).isGreaterThan(100);
        assertThat(t.path("classRowsAfter").asInt()).isEqualTo(1);
        assertThat(t.path("classFirstAfter").asText()).isEqualTo("io.leakhound.cli.demo.LeakyService$Session");
        assertThat(t.path("sortedByInstanceGrowthFirst").asText()).startsWith("+");
        assertThat(t.path("chainNodes").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(o.dom()).contains("LeakyService.SESSIONS → java.util.HashMap").contains("accumulation point");
        o.assertNoErrorsOrRequests();
    }

    @Test
    void chromiumDrawsTheTrendCurveTrendLineAndForecast() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is not installed (apt-get install chromium)");
        assertThat(trend.code()).as(trend.err()).isZero();
        assertThat(trend.out()).startsWith("verdict     leak");
        assertThat(Files.getPosixFilePermissions(trendHtml)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Opened o = open(trendHtml, "#selftest");
        JsonNode t = o.selftest();
        assertThat(t.path("verdict").asText()).startsWith("Leak: memory grows by +3");
        assertThat(t.path("curvePoints").asInt()).as("every sample of the GC log").isEqualTo(60);
        assertThat(t.path("usedPoints").asInt()).isEqualTo(58);
        assertThat(t.path("trendLine").asBoolean()).isTrue();
        assertThat(t.path("trendLength").asDouble()).as("drawn trend line length").isGreaterThan(100);
        assertThat(t.path("forecastLine").asBoolean()).isTrue();
        assertThat(t.path("xLabels").toString()).contains("0").contains(" s\"");
        assertThat(t.path("yLabels").toString()).contains(" MB\"");
        assertThat(o.dom()).contains("<svg").contains("class=\"trend\"").contains("class=\"forecast\"");
        o.assertNoErrorsOrRequests();
    }

    /** A page opened in Chromium: the DOM after its scripts ran, its stderr and its net log. */
    record Opened(Browser browser, Path netLog) {
        String dom() {
            return browser.out();
        }

        JsonNode selftest() throws IOException {
            Matcher m = Pattern.compile("<pre id=\"selftest\">(.*?)</pre>", Pattern.DOTALL).matcher(browser.out());
            assertThat(m.find()).as("self-test output in the DOM; stderr:\n" + browser.err()).isTrue();
            return new ObjectMapper().readTree(unescapeHtml(m.group(1)));
        }

        void assertNoErrorsOrRequests() throws IOException {
            JsonNode t = selftest();
            assertThat(t.path("errors")).as("script errors").isEmpty();
            assertThat(t.path("violations")).as("blocked requests (CSP)").isEmpty();
            assertThat(t.path("resources")).as("loaded resources").isEmpty();
            List<String> console = browser.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
            assertThat(console).as("console messages").isEmpty();
            Set<String> requests = new TreeSet<>();
            Matcher u = Pattern.compile("\"url\":\"([^\"]*)\"").matcher(Files.readString(netLog));
            while (u.find()) {
                String url = u.group(1);
                if (!url.startsWith("file:") && !url.startsWith("data:") && !CHROMIUM_OWN.matcher(url).find()) {
                    requests.add(url);
                }
            }
            assertThat(requests).as("requests made by the page").isEmpty();
        }
    }

    static Opened open(Path page, String fragment) throws IOException, InterruptedException {
        Path netLog = Files.createTempFile(dir, "net-log", ".json");
        return new Opened(Browser.run(page.toUri() + fragment.replace("$", "%24"), dir, "--dump-dom",
                "--log-net-log=" + netLog), netLog);
    }

    private static String unescapeHtml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** One headless Chromium run with its stdout and stderr. */
    record Browser(String out, String err) {
        static Browser run(String url, Path work, String... extra) throws IOException, InterruptedException {
            Path profile = Files.createTempDirectory(work, "chromium-profile");
            List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-quic", "--no-default-browser-check",
                    "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
            cmd.addAll(List.of(extra));
            cmd.add(URI.create(url).toString());
            Path out = work.resolve("chromium.out");
            Path err = work.resolve("chromium.err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s:\n" + Files.readString(err));
            }
            return new Browser(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
