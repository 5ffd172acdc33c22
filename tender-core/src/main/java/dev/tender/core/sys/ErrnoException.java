package dev.tender.core.sys;

/**
 * A failed system call: names the operation and carries errno ({@code KVM_SET_SREGS: Invalid argument}). The
 * strerror text is looked up only when a message is wanted, so a failure that is handled (EINTR, a probe that
 * falls back) costs no native call.
 */
public final class ErrnoException extends Exception {
    private final String operation;
    private final int errno;

    public ErrnoException(String operation, int errno) {
        super(operation, null, false, false);
        this.operation = operation;
        this.errno = errno;
    }

    public String operation() {
        return operation;
    }

    public int errno() {
        return errno;
    }

    /** strerror(errno) alone, for messages built the way err(3) builds them. */
    public String reason() {
        return Errno.message(errno);
    }

    /** {@code <operation>: <strerror(errno)>}. */
    @Override
    public String getMessage() {
        return operation + ": " + reason();
    }
}
