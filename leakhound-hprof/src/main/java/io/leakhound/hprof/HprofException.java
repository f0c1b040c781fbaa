package io.leakhound.hprof;

/** The input cannot be read as an HPROF heap dump; the message is one line meant for the user. */
public class HprofException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HprofException(String message) {
        super(message);
    }

    public HprofException(String message, Throwable cause) {
        super(message, cause);
    }
}
