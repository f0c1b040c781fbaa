package io.leakhound.cli;

/** The command line is wrong in a way picocli cannot see; the message is one line. Exit code 3. */
public final class BadUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadUsageException(String message) {
        super(message);
    }
}
