package dev.tender.hvt;

/** hvt ABI constants (x86_64): hypercall numbers and ports (hvt-abi §1). */
public final class HvtAbi {
    public static final int ABI_TARGET = 1;
    public static final int ABI_VERSION = 2;
    public static final int PIO_BASE = 0x500;
    public static final int KICK_PORT = 0x600;
    public static final int WALLTIME = 1;
    public static final int PUTS = 2;
    public static final int POLL = 3;
    public static final int BLOCK_WRITE = 4;
    public static final int BLOCK_READ = 5;
    public static final int NET_WRITE = 6;
    public static final int NET_READ = 7;
    public static final int HALT = 8;
    public static final int HYPERCALL_MAX = 9;
    /** Bytes that must be readable at a non-NULL HALT cookie. */
    public static final int HALT_COOKIE_SIZE = 512;

    private HvtAbi() {
    }
}
