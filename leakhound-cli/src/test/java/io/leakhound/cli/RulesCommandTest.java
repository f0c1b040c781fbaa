package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leakhound.agent.AgentMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code leakhound rules}: valid YAML in Prometheus' rule-file shape, balanced PromQL that only names metrics the
 * agent exports ({@code AgentMetrics.NAMES}, which {@code AgentIT} checks on a real endpoint), the job selector and {@code for} filled in;
 * {@code --grafana}: a valid dashboard over the same metrics.
 */
class RulesCommandTest {
    static final Pattern LEAKHOUND_METRIC = Pattern.compile("\\bleakhound_[a-z_]+");
    static Set<String> exported = new TreeSet<>();

    @BeforeAll
    static void agentMetricNames() {
        exported.addAll(AgentMetrics.NAMES); // AgentIT checks a real endpoint shows exactly these
        assertThat(exported).contains("leakhound_verdict", "leakhound_seconds_to_limit", "leakhound_live_set_bytes",
                "leakhound_class_growth_bytes_per_second");
    }

    private static List<JsonNode> rules(JsonNode file) {
        List<JsonNode> rules = new ArrayList<>();
        file.path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    private static void assertBalanced(String expr) {
        StringBuilder stack = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                stack.append(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                assertThat(stack).as(expr).isNotEmpty();
                assertThat(stack.charAt(stack.length() - 1)).as(expr).isEqualTo("([{".charAt(")]}".indexOf(c)));
                stack.setLength(stack.length() - 1);
            }
        }
        assertThat(quoted).as(expr).isFalse();
        assertThat(stack).as(expr).isEmpty();
    }

    @Test
    void rulesAreValidYamlInRuleFileShapeOnRealMetricNames() throws Exception {
        CliTest.Run r = CliTest.run("rules");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(r.out());
        List<JsonNode> rules = rules(file);
        assertThat(rules).hasSizeGreaterThanOrEqualTo(6);
        Set<String> used = new TreeSet<>();
        Set<String> standard = new TreeSet<>();
        for (JsonNode rule : rules) {
            assertThat(rule.path("alert").asText()).matches("[A-Z][A-Za-z]+");
            assertThat(rule.path("for").asText()).matches("(\\d+[hms])+");
            assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
            String expr = rule.path("expr").asText();
            assertThat(expr).doesNotContain("@").doesNotContain("{}").doesNotContain("{,");
            assertBalanced(expr);
            Matcher m = LEAKHOUND_METRIC.matcher(expr);
            while (m.find()) {
                used.add(m.group());
            }
            Matcher jvm = Pattern.compile("\\bjvm_[a-z_]+").matcher(expr);
            while (jvm.find()) {
                standard.add(jvm.group());
            }
        }
        assertThat(exported).containsAll(used);
        assertThat(used).contains("leakhound_verdict", "leakhound_seconds_to_limit");
        assertThat(standard).contains("jvm_gc_live_data_size_bytes", "jvm_memory_used_bytes",
                "jvm_memory_pool_allocated_bytes_total", "jvm_memory_pool_collection_used_bytes");
        assertThat(r.out()).contains("deriv(").contains("predict_linear(");
    }

    @Test
    void jobAndForAreFilledIntoEveryRule() throws Exception {
        CliTest.Run r = CliTest.run("rules", "--job", "checkout", "--for", "2h");
        assertThat(r.code()).as(r.err()).isZero();
        for (JsonNode rule : rules(new ObjectMapper(new YAMLFactory()).readTree(r.out()))) {
            String expr = rule.path("expr").asText();
            assertBalanced(expr);
            Matcher selectors = Pattern.compile("\\b(leakhound|jvm)_[a-z_]+\\{([^}]*)}").matcher(expr);
            int n = 0;
            while (selectors.find()) {
                assertThat(selectors.group(2)).as(expr).contains("job=\"checkout\"");
                n++;
            }
            assertThat(n).as(expr).isPositive();
            assertThat(expr).doesNotMatch("(?s).*\\b(leakhound|jvm)_[a-z_]+(\\[|\\)| ).*");
            if (!rule.path("alert").asText().equals("JvmOutOfMemorySoon")) {
                assertThat(rule.path("for").asText()).isEqualTo("2h");
            }
        }
        assertThat(CliTest.run("rules", "--for", "later").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void grafanaDashboardIsJsonOverTheSameMetrics() throws Exception {
        CliTest.Run r = CliTest.run("rules", "--grafana", "--job", "checkout");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.path("title").asText()).contains("leakhound");
        assertThat(d.path("panels").size()).isGreaterThanOrEqualTo(5);
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : d.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.toString()).isPositive();
            for (JsonNode t : panel.path("targets")) {
                String expr = t.path("expr").asText();
                assertBalanced(expr);
                Matcher m = LEAKHOUND_METRIC.matcher(expr);
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(exported).containsAll(used);
        assertThat(used).contains("leakhound_verdict", "leakhound_live_set_bytes", "leakhound_growth_bytes_per_second");
        assertThat(r.out()).contains("\"current\": {\"text\": \"checkout\"");
    }
}
