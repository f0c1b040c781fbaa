package io.leakhound.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.analysis.model.AnalysisReport;
import io.leakhound.report.JsonReport;
import io.leakhound.report.SampleReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page as a file: self-contained, safe to embed hostile names in, small on big dumps. */
class HtmlReportTest {
    static final String HOSTILE = "</script><script>alert(1)</script><!--";

    static String html(AnalysisReport r, HtmlReport.Options o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(r, o, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static JsonNode block(String html, String id) throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("data block " + id).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void hostileNamesCannotCloseTheScriptOrInjectMarkup() throws IOException {
        String html = html(SampleReports.report(50, HOSTILE), HtmlReport.Options.defaults());
        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("alert(1)</script>");
        assertThat(html.indexOf("<!--")).isEqualTo(-1);
        JsonNode r = block(html, "leakhound-report");
        assertThat(r.path("histogram").get(7).path("class").asText()).isEqualTo(HOSTILE);
        assertThat(r.path("dump").path("path").asText()).contains(HOSTILE);
        assertThat(r.path("suspects").get(0).path("advice").asText()).isEqualTo("Bound it & evict <soon>.");
        assertThat(html).contains("<title>leakhound: app.hprof</title>");
    }

    @Test
    void loadsNothingFromAnywhere() throws IOException {
        String html = html(SampleReports.report(50, "x"), HtmlReport.Options.defaults());
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        String withoutSvgNamespace = html.replace("http://www.w3.org/2000/svg", "");
        assertThat(withoutSvgNamespace).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(html).doesNotContainPattern("<(script|img|link|iframe)[^>]+src=");
        // every inline script is allowed by its hash and by nothing else
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
        assertThat(html).doesNotContain("'unsafe-eval'").doesNotContain("script-src 'unsafe-inline'");
    }

    @Test
    void embedsTheReportContractWithTheTopClassesOnly() throws IOException {
        AnalysisReport r = SampleReports.report(20_000, "y");
        String html = html(r, HtmlReport.Options.defaults());
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(5 * 1024 * 1024);
        JsonNode embedded = block(html, "leakhound-report");
        assertThat(embedded.path("histogram")).hasSize(HtmlReport.DEFAULT_MAX_CLASSES);
        assertThat(embedded.path("histogram").get(0).path("class").asText()).isEqualTo(r.histogram().get(0).className());
        JsonNode page = block(html, "leakhound-page");
        assertThat(page.path("histogramClasses").asInt()).isEqualTo(20_000);
        assertThat(page.path("histogramEmbedded").asInt()).isEqualTo(5_000);
        assertThat(page.path("valuesShown").asBoolean()).isFalse();
        // apart from the histogram, the embedded JSON is the JSON report
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        JsonReport.write(r, full);
        JsonNode contract = new ObjectMapper().readTree(full.toByteArray());
        ((com.fasterxml.jackson.databind.node.ObjectNode) contract).remove("histogram");
        ((com.fasterxml.jackson.databind.node.ObjectNode) embedded).remove("histogram");
        assertThat(embedded).isEqualTo(contract);
    }

    @Test
    void smallHistogramsAreEmbeddedWhole() throws IOException {
        String html = html(SampleReports.report(300, "z"), new HtmlReport.Options(true, 1000));
        assertThat(block(html, "leakhound-report").path("histogram")).hasSize(300);
        assertThat(block(html, "leakhound-page").path("valuesShown").asBoolean()).isTrue();
    }

    @Test
    void compactJsonIsTheSameReport() throws IOException {
        AnalysisReport r = SampleReports.report(100, HOSTILE);
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        JsonReport.write(r, pretty);
        JsonReport.write(r, compact, false);
        assertThat(compact.size()).isLessThan(pretty.size());
        assertThat(compact.toString(StandardCharsets.UTF_8)).doesNotContain("\n");
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(compact.toByteArray())).isEqualTo(m.readTree(pretty.toByteArray()));
    }
}
