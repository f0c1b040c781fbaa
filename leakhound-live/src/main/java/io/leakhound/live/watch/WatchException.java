package io.leakhound.live.watch;

/** Why a JVM cannot be watched; the message is one line for the user. */
public final class WatchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the exit code. */
    public enum Reason {
        /** No process with that PID (or it exited). */
        NO_SUCH_PROCESS,
        /** The process is not a Java VM, or does not answer the attach handshake. */
        NOT_A_JVM,
        /** The JVM belongs to another user, or refuses attach; JMX credentials refused. */
        ACCESS_REFUSED,
        /** The JMX URL does not answer or refuses the connection. */
        UNREACHABLE,
        /** The JMX URL is not a JMX service URL. */
        BAD_URL
    }

    private final Reason reason;

    public WatchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WatchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
