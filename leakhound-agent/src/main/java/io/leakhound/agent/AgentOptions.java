package io.leakhound.agent;

import io.leakhound.agent.resources.ResourceOptions;
import io.leakhound.live.series.ByteSizes;
import io.leakhound.live.verdict.VerdictEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's options, from {@code -javaagent:leakhound-agent.jar=port=9404,host=127.0.0.1,...}: comma-separated
 * {@code key=value} pairs.
 *
 * @param port port of the metrics endpoint (default 9404; 0 picks a free one)
 * @param host address to bind: a loopback address only (default 127.0.0.1)
 * @param limitBytes limit for the time-to-limit forecast (default: the max heap)
 * @param histogramInterval class histograms every this long; null (the default) for none: each forces a full GC
 * @param top growing classes exported with histograms (default 10, at most 50): bounds label cardinality
 * @param window the verdict looks at this last stretch of time (default 6h)
 * @param minSpan leak only after this much data (default 1m, as the CLI): key {@code minspan}
 */
public record AgentOptions(int port, InetAddress host, Long limitBytes, Duration histogramInterval, int top,
        Duration window, Duration minSpan) {
    public static final int DEFAULT_PORT = 9404;
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 50;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(6);
    public static final Duration DEFAULT_MIN_SPAN = Duration.ofMillis(VerdictEngine.DEFAULT_MIN_LEAK_SPAN_MILLIS);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** Parses the agent argument (null or empty for the defaults). */
    public static AgentOptions parse(String args) {
        int port = DEFAULT_PORT;
        String host = "127.0.0.1";
        Long limit = null;
        Duration histogram = null;
        int top = DEFAULT_TOP;
        Duration window = DEFAULT_WINDOW;
        Duration minSpan = DEFAULT_MIN_SPAN;
        if (args != null && !args.isBlank()) {
            for (String part : args.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected key=value, got '" + part + "'");
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).strip();
                switch (key) {
                    case "port" -> {
                        port = Integer.parseInt(value);
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("port out of range: " + value);
                        }
                    }
                    case "host" -> host = value;
                    case "limit" -> limit = ByteSizes.parse(value);
                    case "histogram" -> histogram = duration(key, value);
                    case "top" -> {
                        top = Integer.parseInt(value);
                        if (top < 1 || top > MAX_TOP) {
                            throw new IllegalArgumentException("top must be 1.." + MAX_TOP + ": " + value);
                        }
                    }
                    case "window" -> window = duration(key, value);
                    case "minspan" -> minSpan = duration(key, value);
                    default -> {
                        if (!ResourceOptions.isKey(key)) {
                            throw new IllegalArgumentException("unknown option '" + key
                                    + "' (port, host, limit, histogram, top, window, minspan, resources)");
                        }
                    }
                }
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("host " + host + " is not a loopback address: the endpoint only"
                    + " listens on loopback (scrape through a sidecar or a local Prometheus agent)");
        }
        if (histogram != null && histogram.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("histogram interval must be at least 1s");
        }
        ResourceOptions.parse(args); // resources=... and resources.*: checked here, read by ResourceOptions
        return new AgentOptions(port, address, limit, histogram, top, window, minSpan);
    }

    private static Duration duration(String key, String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + ": not a duration: '" + value + "' (try 30s, 10m, 6h)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long millis = Math.round(v * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        });
        return Duration.ofMillis(millis);
    }
}
