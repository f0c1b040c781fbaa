package io.leakhound.cli;

/** The target refused us: another user's JVM, attach disabled, JMX credentials refused. Exit code 5. */
final class AccessRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccessRefusedException(String message) {
        super(message);
    }
}
