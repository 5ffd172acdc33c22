package dev.tender.core.hypercall;

/** hvt hypercall numbers (docs/abi.md §7.1), shared by the tender and the device modules that serve them. */
public final class HvtCalls {
    public static final int WALLTIME = 1;
    public static final int PUTS = 2;
    public static final int POLL = 3;
    public static final int BLOCK_WRITE = 4;
    public static final int BLOCK_READ = 5;
    public static final int NET_WRITE = 6;
    public static final int NET_READ = 7;
    public static final int HALT = 8;
    /** Exclusive bound of the hypercall numbers. */
    public static final int MAX = 9;

    /** Result codes written into {@code ret} fields (solo5.h). */
    public static final int R_OK = 0;
    public static final int R_AGAIN = 1;
    public static final int R_EINVAL = 2;
    public static final int R_EUNSPEC = 3;

    private HvtCalls() {
    }
}
