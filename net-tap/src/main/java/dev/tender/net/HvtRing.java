package dev.tender.net;

/** The layout of {@code struct hvt_ring} and its entries and commits (docs/abi.md §8.1), in bytes. */
public final class HvtRing {
    /** sizeof(struct hvt_ring). */
    public static final int SIZE = 49280;
    /** host_features bit that advertises the ring in the boot info. */
    public static final int FEATURE_RING_IO = 1;
    public static final int SLOTS = 1024;
    public static final int MASK = SLOTS - 1;

    // indices: free-running u32 counters, a slot is index & MASK
    public static final int ENT_TAIL = 0;
    public static final int COM_HEAD = 4;
    public static final int ENT_HEAD = 64;
    public static final int COM_TAIL = 68;
    public static final int NEEDS_KICK = 72;

    public static final int ENTRIES = 128;
    public static final int ENTRY_SIZE = 32;
    public static final int ENTRY_OPERATION = 0;
    public static final int ENTRY_HANDLE = 4;
    public static final int ENTRY_DATA = 8;
    public static final int ENTRY_LEN = 16;
    public static final int ENTRY_ID = 20;
    public static final int OP_WRITE = 1;
    public static final int OP_READ = 2;

    public static final int COMMITS = 32896;
    public static final int COMMIT_SIZE = 16;
    public static final int COMMIT_ID = 0;
    public static final int COMMIT_RET = 4;
    public static final int COMMIT_LEN = 8;

    private HvtRing() {
    }

    /** Offset of the entry in the slot of {@code index}. */
    static long entry(int index) {
        return ENTRIES + (long) (index & MASK) * ENTRY_SIZE;
    }

    /** Offset of the commit in the slot of {@code index}. */
    static long commit(int index) {
        return COMMITS + (long) (index & MASK) * COMMIT_SIZE;
    }
}
