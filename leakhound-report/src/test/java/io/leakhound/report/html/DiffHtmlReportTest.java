package io.leakhound.report.html;

import static io.leakhound.report.html.HtmlReportTest.HOSTILE;
import static io.leakhound.report.html.HtmlReportTest.block;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.analysis.model.DiffReport;
import io.leakhound.analysis.model.DumpInfo;
import io.leakhound.analysis.model.PathStep;
import io.leakhound.analysis.model.Suspect;
import io.leakhound.report.DiffJsonReport;
import io.leakhound.report.SampleReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The diff page as a file: its data blocks, the frame it shares, hostile names, size on many classes. */
class DiffHtmlReportTest {
    /** Two dumps of a cache that grew, {@code classes} classes, names carrying {@code evil}. */
    static DiffReport diff(int classes, String evil) {
        AnalysisReport base = SampleReports.report(10, evil);
        DumpInfo oldDump = new DumpInfo("/tmp/old.hprof", 10_000_000, "JAVA PROFILE 1.0.2", 8, false,
                1_700_000_000_000L, "compressed references", false, List.of());
        DumpInfo newDump = new DumpInfo("/tmp/" + evil + "/new.hprof", 400_000_000, "JAVA PROFILE 1.0.2", 8, false,
                1_700_003_600_000L, "compressed references", true, List.of("dump truncated: " + evil));
        List<DiffReport.ClassDelta> deltas = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            deltas.add(new DiffReport.ClassDelta(i == 3 ? evil : "com.example.gen.pkg" + (i % 89) + ".Generated" + i,
                    100 + i, 100 + i + (classes - i), 2_400, 2_400 + 24L * (classes - i), 10_000, 10_000 + 100L * (classes - i)));
        }
        PathStep root = new PathStep("root", "class com.acme.Cache", null, null, "0x1000", "class com.acme.Cache",
                "sticky-class", null, null);
        PathStep field = new PathStep("static-field", "com.acme.Cache", "POINTS", null, "0x2000",
                "java.util.HashMap", null, null, null);
        DiffReport.HolderDelta holder = new DiffReport.HolderDelta("static Cache.POINTS", "java.util.HashMap",
                "unbounded-collection", true, 6_000_000, 362_000_000, 6_000, 1_900_000,
                "static Cache.POINTS grew from 6,000 to 1,900,000 entries (+340 MB)", List.of(root, field));
        DiffReport.HolderDelta other = new DiffReport.HolderDelta("static " + evil + ".X", evil, null, false, 0,
                1_000, -1, -1, "static " + evil + ".X is new: 1000 B", List.of(root));
        Suspect suspect = new Suspect(1, "static Cache.POINTS (java.util.HashMap) retains 345 MB",
                "unbounded-collection", 362_000_000, 0.9, List.of(root, field),
                new Suspect.Accumulation("0x2100", "java.util.HashMap$Node[]", 1_900_000,
                        List.of(new Suspect.ElementClass("com.acme.Point", 1_900_000, 300_000_000))),
                "Bound it & evict <soon>.");
        return new DiffReport(base.tool(), oldDump, newDump, base.heap(), base.heap(), deltas, List.of(holder, other),
                List.of(suspect));
    }

    static String html(DiffReport r, HtmlReport.Options o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DiffHtmlReport.write(r, o, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void embedsTheDiffWithWhichSuspectEachHolderIs() throws IOException {
        DiffReport r = diff(300, "x");
        String html = html(r, HtmlReport.Options.defaults());
        assertThat(html).contains("<title>leakhound diff: old.hprof \u2192 new.hprof</title>");
        JsonNode page = block(html, "leakhound-page");
        assertThat(page.path("kind").asText()).isEqualTo("diff");
        assertThat(page.path("classes").asInt()).isEqualTo(300);
        assertThat(page.path("classesEmbedded").asInt()).isEqualTo(300);
        assertThat(page.path("holderSuspects").toString()).isEqualTo("[1,0]");
        // the embedded JSON is the diff JSON
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        DiffJsonReport.write(r, full);
        assertThat(block(html, "leakhound-diff")).isEqualTo(new ObjectMapper().readTree(full.toByteArray()));
        assertThat(block(html, "leakhound-diff").path("holders").get(0).path("title").asText())
                .isEqualTo("static Cache.POINTS grew from 6,000 to 1,900,000 entries (+340 MB)");
    }

    @Test
    void sharesTheFrameThatLoadsNothing() throws IOException {
        String html = html(diff(50, "x"), HtmlReport.Options.defaults());
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .contains("<script type=\"application/json\" id=\"leakhound-diff\">")
                .contains("LH.suspectChain(x)").contains("var LH = (function");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("url(");
        assertThat(html).doesNotContainPattern("<(script|img|link|iframe)[^>]+src=");
        Matcher scripts = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int n = 0;
        while (scripts.find()) {
            n++;
        }
        Matcher hashes = Pattern.compile("'sha256-[A-Za-z0-9+/=]{44}'").matcher(html);
        int h = 0;
        while (hashes.find()) {
            h++;
        }
        assertThat(n).isEqualTo(h).isEqualTo(4);
    }

    @Test
    void hostileNamesStayData() throws IOException {
        String html = html(diff(50, HOSTILE), HtmlReport.Options.defaults());
        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("alert(1)</script>");
        assertThat(html.indexOf("<!--")).isEqualTo(-1);
        JsonNode d = block(html, "leakhound-diff");
        assertThat(d.path("classes").findValuesAsText("class")).contains(HOSTILE);
        assertThat(d.path("newDump").path("warnings").get(0).asText()).contains(HOSTILE);
        assertThat(d.path("suspects").get(0).path("advice").asText()).isEqualTo("Bound it & evict <soon>.");
    }

    @Test
    void manyClassesAreCappedToThoseThatChangedMostAndStayUnder5Mb() throws IOException {
        DiffReport r = diff(40_000, "y");
        String html = html(r, HtmlReport.Options.defaults());
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(5 * 1024 * 1024);
        JsonNode page = block(html, "leakhound-page");
        assertThat(page.path("classes").asInt()).isEqualTo(40_000);
        assertThat(page.path("classesEmbedded").asInt()).isEqualTo(HtmlReport.DEFAULT_MAX_CLASSES);
        JsonNode classes = block(html, "leakhound-diff").path("classes");
        assertThat(classes).hasSize(HtmlReport.DEFAULT_MAX_CLASSES);
        // the class that grew most is in, the one that grew least is out
        assertThat(classes.get(0).path("class").asText()).isEqualTo("com.example.gen.pkg0.Generated0");
        assertThat(classes.findValuesAsText("class")).doesNotContain("com.example.gen.pkg" + (39_999 % 89)
                + ".Generated39999");
    }
}
