package dev.tender.spt;

/** Constants of the spt ABI, version 2 (docs/abi.md §13.1, §14). */
public final class SptAbi {
    /** ABI target "spt" in the ABI1 note. */
    public static final int ABI_TARGET = 2;
    public static final int ABI_VERSION = 2;
    /** Lowest host address of guest memory; guest address X is host address X. */
    public static final long HOST_MEM_BASE = 0x10000L;
    /** struct spt_boot_info. */
    public static final long BOOT_INFO_BASE = 0x11000L;
    public static final int BOOT_INFO_SIZE = 40;
    /** The manifest copy follows the boot info. */
    public static final long MANIFEST_BASE = BOOT_INFO_BASE + BOOT_INFO_SIZE;
    public static final int CMDLINE_MAX = 8192;
    /** epoll data of the internal timerfd. */
    public static final long TIMER_TAG = 0xFFFFFFFEL;
    public static final long DEFAULT_MEMORY = 512L << 20;
    public static final long CLOCK_REALTIME = 0;
    public static final long CLOCK_MONOTONIC = 1;
    /**
     * Where the launcher's text starts (spt/src/main/c/Makefile, TEXT_BASE): guest memory must end below it.
     * This plays the part of a non-PIE solo5-spt's link address.
     */
    public static final long LAUNCHER_BASE = 0x400000000000L;

    private SptAbi() {
    }
}
