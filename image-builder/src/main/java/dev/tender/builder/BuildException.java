package dev.tender.builder;

/** A build failure; the message is printed after {@code tender build: }. */
public final class BuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
