package io.leakhound.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakhound rules}: Prometheus alerting rules (or a Grafana dashboard) that apply the leak verdict fleet-wide. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Prints Prometheus alerting rules (YAML) that apply leakhound's idea fleet-wide: steady,"
                + " relevant growth of the memory that survives collections, guarded against plateaus. They work"
                + " on the leakhound agent's metrics and on standard JVM metrics from Micrometer"
                + " (jvm_gc_live_data_size_bytes, jvm_memory_used_bytes) and the Prometheus Java client"
                + " (jvm_memory_pool_collection_used_bytes, jvm_memory_pool_allocated_bytes).",
                "With --grafana, prints a Grafana dashboard (JSON) instead. See docs/agent.md."},
        exitCodeOnInvalidInput = ExitCodes.USAGE, footerHeading = "%nExit codes:%n",
        footer = "  0  success%n  3  usage error")
public final class RulesCommand implements Callable<Integer> {
    static final String RULES = "rules/leakhound-rules.yaml";
    static final String DASHBOARD = "rules/leakhound-dashboard.json";

    @Option(names = "--job", paramLabel = "LABEL", description = "Only series with this job label.")
    String job;

    @Option(names = "--for", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long a condition must hold before the alert fires (default: ${DEFAULT-VALUE}).")
    String forDuration;

    @Option(names = "--grafana", description = "Print a Grafana dashboard (JSON) instead of the rules.")
    boolean grafana;

    @Override
    public Integer call() throws IOException {
        if (job != null && (job.isBlank() || job.chars().anyMatch(c -> c < 0x20))) {
            throw new BadUsageException("--job: a label value on one line, not empty");
        }
        Duration d = DurationOption.parse("--for", forDuration);
        String text = grafana ? dashboard(job) : rules(job, d);
        System.out.print(text);
        System.out.flush();
        return ExitCodes.OK;
    }

    /** The rules with the job selector and the {@code for} duration filled in. */
    static String rules(String job, Duration forDuration) throws IOException {
        String quoted = job == null ? null : "job=\"" + escape(job) + "\"";
        return resource(RULES)
                .replace("{@SELECTOR_BARE@}", quoted == null ? "" : "{" + quoted + "}")
                .replace("@SELECTOR_BARE@", quoted == null ? "" : quoted)
                .replace("@SELECTOR@", quoted == null ? "" : "," + quoted)
                .replace("@FOR@", promDuration(forDuration));
    }

    static String dashboard(String job) throws IOException {
        String value = job == null ? "$__all" : escape(job); // JSON escapes \ and " the same way
        return resource(DASHBOARD).replace("@JOB@", value);
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A duration as PromQL writes it: {@code 30m}, {@code 1h30m}, {@code 45s}. */
    static String promDuration(Duration d) {
        long s = Math.max(1, d.toSeconds());
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RulesCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
