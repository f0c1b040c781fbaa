package io.leakhound.live.series;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the JSON answer of Prometheus {@code /api/v1/query_range} ({@code "resultType": "matrix"}).
 *
 * <p>With several series (say {@code jvm_memory_used_bytes{area="heap"}}, one per memory pool), the series
 * is their sum at each timestamp that every one of them has; to look at one series alone, select it in the
 * query. {@code NaN} and infinite values are skipped. A metric whose name says it is a live set
 * ({@code live}, as Micrometer's {@code jvm_gc_live_data_size_bytes}, or {@code after_gc}) is read as
 * {@link SeriesKind#LIVE_SET}; any other as {@link SeriesKind#RAW_USAGE}.
 */
final class PrometheusReader implements SeriesReader {
    @Override
    public MemorySeries read(BufferedReader in, String name, ReadOptions options) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (JsonProcessingException e) {
            throw new SeriesFormatException(name + ": not JSON at line " + e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject()) {
            throw new SeriesFormatException(name + ": not a Prometheus API answer");
        }
        if (!"success".equals(root.path("status").asText())) {
            throw new SeriesFormatException(name + ": Prometheus answered status '" + root.path("status").asText()
                    + "': " + root.path("error").asText("no error message"));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        if (!"matrix".equals(type)) {
            throw new SeriesFormatException(name + ": resultType is '" + type + "', not 'matrix'; use query_range");
        }
        JsonNode result = data.path("result");
        if (result.isEmpty()) {
            throw new SeriesFormatException(name + ": the query returned no series");
        }
        TreeMap<Long, double[]> sums = new TreeMap<>(); // time -> {sum, count}
        boolean liveSet = true;
        List<String> names = new ArrayList<>();
        for (JsonNode series : result) {
            String metric = series.path("metric").path("__name__").asText("");
            liveSet &= metric.contains("live") || metric.contains("after_gc");
            names.add(describe(series.path("metric")));
            for (JsonNode v : series.path("values")) {
                if (v.size() != 2) {
                    throw new SeriesFormatException(name + ": a value is not a [time, \"number\"] pair");
                }
                double value;
                try {
                    value = Double.parseDouble(v.get(1).asText());
                } catch (NumberFormatException e) {
                    throw new SeriesFormatException(name + ": not a number: '" + v.get(1).asText() + "'");
                }
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    continue;
                }
                long time = Math.round(v.get(0).asDouble() * 1000);
                double[] sum = sums.computeIfAbsent(time, t -> new double[2]);
                sum[0] += value;
                sum[1]++;
            }
        }
        int n = result.size();
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<Long, double[]> e : sums.entrySet()) {
            if (e.getValue()[1] == n) {
                samples.add(new Sample(e.getKey(), Math.round(e.getValue()[0])));
            }
        }
        if (samples.isEmpty()) {
            throw new SeriesFormatException(name + ": no timestamp has a value in every series");
        }
        String what = n == 1 ? names.get(0) : "sum of " + n + " series: " + String.join(", ", names.subList(0, Math.min(3, n)))
                + (n > 3 ? ", ..." : "");
        return new MemorySeries(samples, liveSet ? SeriesKind.LIVE_SET : SeriesKind.RAW_USAGE, null,
                SeriesFormat.PROMETHEUS, what);
    }

    private static String describe(JsonNode metric) {
        StringBuilder sb = new StringBuilder(metric.path("__name__").asText(""));
        StringBuilder labels = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("__name__")) {
                labels.append(labels.length() == 0 ? "" : ",").append(f.getKey()).append("=\"")
                        .append(f.getValue().asText()).append('"');
            }
        }
        return labels.length() == 0 ? sb.toString() : sb.append('{').append(labels).append('}').toString();
    }
}
