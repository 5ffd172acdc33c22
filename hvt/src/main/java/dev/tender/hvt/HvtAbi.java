package dev.tender.hvt;

/** hvt ABI constants (x86_64): ports and limits (docs/abi.md §3.1); hypercall numbers are in HvtCalls. */
public final class HvtAbi {
    public static final int ABI_TARGET = 1;
    public static final int ABI_VERSION = 2;
    public static final int PIO_BASE = 0x500;
    public static final int KICK_PORT = 0x600;
    /** Bytes that must be readable at a non-NULL HALT cookie. */
    public static final int HALT_COOKIE_SIZE = 512;

    private HvtAbi() {
    }
}
