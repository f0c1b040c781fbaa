package io.leakhound.cli.scenarios;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service for {@code resources} tests, in a child JVM: each {@code open N} line on stdin opens N file streams
 * on a file in argument 1's directory and keeps them, then prints {@code opened LINE} (the line that opens them).
 * Prints {@code started} first; exits at the end of input.
 */
public final class OpenFilesApp {
    static final List<FileInputStream> OPEN = new ArrayList<>();

    private OpenFilesApp() {
    }

    private static int openFiles(Path file, int n) throws IOException {
        int line = StackWalker.getInstance().walk(s -> s.findFirst().orElseThrow()).getLineNumber() + 2;
        for (int i = 0; i < n; i++) {
            OPEN.add(new FileInputStream(file.toFile()));
        }
        return line;
    }

    public static void main(String[] args) throws IOException {
        Path file = Files.writeString(Path.of(args[0]).resolve("open.txt"), "x");
        System.out.println("started");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            if (line.startsWith("open ")) {
                System.out.println("opened " + openFiles(file, Integer.parseInt(line.substring(5))));
                System.out.flush();
            }
        }
    }
}
