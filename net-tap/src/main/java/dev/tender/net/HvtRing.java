package dev.tender.net;

/** The layout of {@code struct hvt_ring} and its entries and commits (docs/abi.md §8.1), in bytes. */
final class HvtRing {
    /** sizeof(struct hvt_ring). */
    static final int SIZE = 49280;
    /** host_features bit that advertises the ring in the boot info. */
    static final int FEATURE_RING_IO = 1;
    static final int SLOTS = 1024;
    static final int MASK = SLOTS - 1;

    // indices: free-running u32 counters, a slot is index & MASK
    static final int ENT_TAIL = 0;
    static final int COM_HEAD = 4;
    static final int ENT_HEAD = 64;
    static final int COM_TAIL = 68;
    static final int NEEDS_KICK = 72;

    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 32;
    static final int ENTRY_OPERATION = 0;
    static final int ENTRY_HANDLE = 4;
    static final int ENTRY_DATA = 8;
    static final int ENTRY_LEN = 16;
    static final int ENTRY_ID = 20;
    static final int OP_WRITE = 1;
    static final int OP_READ = 2;

    static final int COMMITS = 32896;
    static final int COMMIT_SIZE = 16;
    static final int COMMIT_ID = 0;
    static final int COMMIT_RET = 4;
    static final int COMMIT_LEN = 8;

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
