package dev.tender.hvt.debug.gdb;

/** A target operation failed (a KVM call); the stub answers the packet with an error reply. */
public final class GdbTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    public GdbTargetException(String message) {
        super(message);
    }
}
