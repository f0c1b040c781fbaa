package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.cli.scenarios.SecretsHeap;
import io.leakhound.heap.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap values stay out of every output (text, JSON, HTML) unless {@code --show-values} is given: secrets
 * planted in map keys and values, a thread name, passwords in char[] and byte[], a field and a primitive of
 * leaking objects.
 */
class RedactionTest {
    @TempDir
    static Path dir;
    static Path dump;

    @BeforeAll
    static void makeDump() throws Exception {
        dump = dir.resolve("secrets.hprof");
        ChildJvm.run(SecretsHeap.class, List.of("-Xmx256m", "-XX:+UseSerialGC"), 120, dump.toString());
    }

    record Outputs(String text, String json, String html) {
        List<String> all() {
            return List.of(text, json, html);
        }
    }

    private static Outputs analyze(String name, String... extra) throws Exception {
        Path json = dir.resolve(name + ".json");
        Path html = dir.resolve(name + ".html");
        String[] base = {"analyze", dump.toString(), "--no-color", "--json", json.toString(), "--html",
            html.toString()};
        String[] full = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, full, base.length, extra.length);
        CliTest.Run r = CliTest.run(full);
        assertThat(r.code()).as(r.err()).isZero();
        return new Outputs(r.out(), Files.readString(json), Files.readString(html));
    }

    @Test
    void noHeapValueAppearsWithoutShowValues() throws Exception {
        Outputs o = analyze("redacted");
        // the analysis did find the leaks the secrets sit in
        assertThat(o.text()).contains("Leak suspects").contains("SecretsHeap$Account");
        assertThat(o.html()).contains("SecretsHeap$Account");
        for (String out : o.all()) {
            for (String secret : SecretsHeap.secrets()) {
                assertThat(out).as("output must not contain " + secret).doesNotContain(secret);
            }
        }
        // the thread is named by its serial number and id instead
        assertThat(o.text()).containsPattern("thread #\\d+ \\(0x[0-9a-f]+\\)");
    }

    @Test
    void showValuesNamesTheThreadEverywhere() throws Exception {
        Outputs o = analyze("shown", "--show-values");
        for (String out : o.all()) {
            assertThat(out).contains(SecretsHeap.THREAD_NAME);
        }
        assertThat(o.html()).contains("\"valuesShown\":true");
    }
}
