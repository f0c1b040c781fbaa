package io.leakhound.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The skeleton every leakhound HTML page shares: one self-contained file with the shared stylesheet
 * ({@code page.css}), the shared script helpers ({@code common.js}: number formats, element building, sortable
 * tables, the path chain, the treemap, the self-test hook), the page's data as JSON blocks, and the page's own
 * script that renders it. A Content-Security-Policy allows only the page's own inline scripts (by hash) and
 * styles, so the file can make no request when opened. The analysis page ({@link HtmlReport}) is one such
 * page; a heap diff page would be another, with its own script over the same helpers.
 */
public final class HtmlPage {
    private static final String RESOURCES = "/io/leakhound/report/html/";
    /** Runs first: records script errors and CSP violations for the self-test and for tests. */
    private static final String BOOT = "window.__lh={errors:[],violations:[]};"
            + "addEventListener('error',function(e){__lh.errors.push(String(e.message))});"
            + "document.addEventListener('securitypolicyviolation',function(e){"
            + "__lh.violations.push(e.violatedDirective+' '+e.blockedURI)});";

    private final String title;
    private final String pageScript;
    private final Map<String, String> data = new LinkedHashMap<>();

    /**
     * @param title the page title (plain text; escaped here)
     * @param pageScript the name of the page's own script among this package's resources, e.g.
     *                   {@code analysis.js}
     */
    public HtmlPage(String title, String pageScript) {
        this.title = title;
        this.pageScript = pageScript;
    }

    /**
     * Adds a JSON data block that the page script reads with {@code LH.data(id)}. The JSON is made safe to
     * embed here: {@code <}, {@code >}, {@code &} and the JavaScript line separators are written as
     * {@code \\uXXXX} escapes, which is valid JSON only inside strings, where these characters can only be.
     */
    public HtmlPage data(String id, String json) {
        data.put(id, escapeJsonForScript(json));
        return this;
    }

    /** Writes the page as UTF-8. Does not close {@code out}. */
    public void write(OutputStream out) throws IOException {
        String css = resource("page.css");
        List<String> scripts = new ArrayList<>(List.of(BOOT, resource("common.js"), resource(pageScript),
                "LH.start();"));
        StringBuilder csp = new StringBuilder("default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                + " base-uri 'none'; form-action 'none'; script-src");
        for (String s : scripts) {
            csp.append(" 'sha256-").append(sha256(s)).append('\'');
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        w.write("<link rel=\"icon\" href=\"data:,\">\n");
        w.write("<title>" + escapeHtml(title) + "</title>\n");
        w.write("<script>" + scripts.get(0) + "</script>\n");
        w.write("<style>\n" + css + "</style>\n</head>\n<body>\n");
        w.write("<a class=\"skip\" href=\"#summary\">Skip to the summary</a>\n");
        w.write("<noscript><p>This report draws its tables with JavaScript; the data is in the JSON blocks of"
                + " this file.</p></noscript>\n");
        w.write("<main id=\"app\"></main>\n");
        w.write("<pre id=\"selftest\" hidden></pre>\n");
        for (Map.Entry<String, String> e : data.entrySet()) {
            w.write("<script type=\"application/json\" id=\"" + escapeHtml(e.getKey()) + "\">");
            w.write(e.getValue());
            w.write("</script>\n");
        }
        for (String s : scripts.subList(1, scripts.size())) {
            w.write("<script>" + s + "</script>\n");
        }
        w.write("</body>\n</html>\n");
        w.flush();
    }

    /** Escapes text for HTML content and attribute values. */
    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Makes JSON text safe inside a script element (no {@code </script>}, no {@code <!--}). */
    static String escapeJsonForScript(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String sha256(String script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
