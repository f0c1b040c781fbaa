package io.leakhound.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 for tests: every line must be a {@code # HELP},
 * {@code # TYPE} or comment line, or a sample {@code name{label="value",...} value [timestamp]} whose family was
 * typed first; label values must be properly escaped; values must be floats ({@code NaN}, {@code +Inf} allowed).
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    private PrometheusText() {
    }

    static List<Sample> parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches() || line.startsWith("#")) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String family = types.containsKey(name) ? name : name.replaceAll("_(total|created|bucket|sum|count)$", "");
                if (!types.containsKey(family)) {
                    throw new IllegalArgumentException("sample before its TYPE: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null && !m.group(3).isEmpty()) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int pos = 0;
                    while (pos < m.group(3).length()) {
                        if (!l.find(pos) || l.start() != pos) {
                            throw new IllegalArgumentException("bad labels: " + line);
                        }
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                        pos = l.end();
                    }
                }
                samples.add(new Sample(name, labels, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))));
            } else {
                throw new IllegalArgumentException("not Prometheus text format: " + line);
            }
        }
        return samples;
    }
}
