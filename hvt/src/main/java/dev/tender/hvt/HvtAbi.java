package dev.tender.hvt;

/**
 * hvt ABI constants common to every architecture (docs/abi.md §3.1); hypercall numbers are in HvtCalls, the
 * architecture's ports and layout in its {@link dev.tender.hvt.arch.HvtArch}.
 */
public final class HvtAbi {
    public static final int ABI_TARGET = 1;
    public static final int ABI_VERSION = 2;
    /** Bytes that must be readable at a non-NULL HALT cookie. */
    public static final int HALT_COOKIE_SIZE = 512;

    private HvtAbi() {
    }
}
