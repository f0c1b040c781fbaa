package io.leakhound.agent.resources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.leakhound.tracker.ResourceTracker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /resources} on the agent's loopback port: the open tracked resources grouped by opening stack,
 * as JSON ({@code ?format=text} for text; {@code groups=N}, {@code frames=N} bound the size, default 50 and
 * 30). Other paths answer 404.
 */
public final class ResourcesHandler implements HttpHandler {
    static final String PATH = "/resources";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            if (!uri.getPath().equals(PATH) || !exchange.getRequestMethod().equals("GET")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: " + PATH + " lists open resources,"
                        + " /metrics has the metrics\n");
                return;
            }
            String query = uri.getQuery() == null ? "" : uri.getQuery();
            int groups = param(query, "groups", 50);
            int frames = param(query, "frames", 30);
            ResourceTracker t = ResourceTracker.global();
            if (param(query, "format", "json").equals("text")) {
                send(exchange, 200, "text/plain; charset=utf-8", t.listing().toText(groups, frames));
            } else {
                send(exchange, 200, "application/json", t.listing().toJson(groups, frames) + "\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int param(String query, String name, int otherwise) {
        try {
            return Math.max(0, Math.min(10_000, Integer.parseInt(param(query, name, Integer.toString(otherwise)))));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static String param(String query, String name, String otherwise) {
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return otherwise;
    }
}
