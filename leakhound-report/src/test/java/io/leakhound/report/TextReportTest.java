package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.analysis.model.AnalysisReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal summary: a verdict first, aligned columns, human units, colors only when asked. */
class TextReportTest {
    static String render(AnalysisReport r, boolean color) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextReport(new PrintStream(out, true, StandardCharsets.UTF_8), color, 10).render(r);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verdictComesBeforeTheTables() {
        String text = render(SampleReports.report(40, "com.acme.X"), false);
        List<String> lines = text.lines().toList();
        int verdict = indexOf(lines, "Verdict: 1 leak suspect; the top one retains 47.7 MB (80.0% of the heap)");
        assertThat(verdict).isPositive().isLessThan(indexOf(lines, "Heap"));
        String none = render(SampleReports.withoutSuspects(SampleReports.report(40, "x")), false);
        assertThat(none).contains("Verdict: no leak suspects")
                .contains("but the dump is truncated, so this may be incomplete");
    }

    @Test
    void classTableColumnsLineUpWithHumanUnits() {
        String text = render(SampleReports.report(40, "com.acme.X"), false);
        List<String> lines = text.lines().toList();
        int header = indexOf(lines, "    retained   share    shallow      instances  class");
        assertThat(header).isPositive();
        int classColumn = lines.get(header).indexOf("class");
        for (String row : lines.subList(header + 1, header + 11)) {
            assertThat(row).matches(" +[0-9.]+ (B|KB|MB|GB) +[0-9.]+% +[0-9.]+ (B|KB|MB|GB) +[0-9,]+  \\S.*");
            assertThat(row.charAt(classColumn - 1)).isEqualTo(' ');
            assertThat(row.charAt(classColumn)).isNotEqualTo(' ');
        }
        assertThat(text).contains("element class");
    }

    @Test
    void colorsOnlyWhenAsked() {
        assertThat(render(SampleReports.report(40, "x"), false)).doesNotContain("\u001b[");
        assertThat(render(SampleReports.report(40, "x"), true)).contains("\u001b[1mVerdict: \u001b[0m\u001b[31m");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
