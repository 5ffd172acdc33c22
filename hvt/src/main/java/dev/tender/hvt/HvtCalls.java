package dev.tender.hvt;

/**
 * hvt hypercall numbers served by the tender itself (docs/abi.md §7.1). The device modules own theirs: block
 * 4 and 5 ({@code BlockHypercalls}), net 6 and 7 ({@code NetHypercalls}).
 */
public final class HvtCalls {
    public static final int WALLTIME = 1;
    public static final int PUTS = 2;
    public static final int POLL = 3;
    public static final int HALT = 8;
    /** Exclusive bound of the hypercall numbers. */
    public static final int MAX = 9;

    private HvtCalls() {
    }
}
