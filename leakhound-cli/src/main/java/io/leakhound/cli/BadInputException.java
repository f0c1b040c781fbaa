package io.leakhound.cli;

/** Input the user gave cannot be used; the message is one line. Exit code 2. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
