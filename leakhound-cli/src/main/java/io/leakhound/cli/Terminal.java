package io.leakhound.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard streams are terminals, for colors and progress bars. */
final class Terminal {
    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** No colors when {@code NO_COLOR} is set (no-color.org) or the terminal says it cannot show them. */
    static boolean colorAllowed(String noColor, String term) {
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }

    private static boolean isTerminal(int fd) {
        if (fd == 1 && !colorAllowed(System.getenv("NO_COLOR"), System.getenv("TERM"))) {
            return false;
        }
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            String t = target.toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
