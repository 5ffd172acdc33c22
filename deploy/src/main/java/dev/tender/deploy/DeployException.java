package dev.tender.deploy;

/** An instance description or installation request that cannot be carried out; the message says why. */
public final class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
