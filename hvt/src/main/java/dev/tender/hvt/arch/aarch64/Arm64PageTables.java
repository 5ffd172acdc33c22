package dev.tender.hvt.arch.aarch64;

import dev.tender.core.mem.GuestMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The aarch64 guest's identity map (docs/abi.md, "aarch64"): 4 KiB granule, 40-bit addresses, one level-0 table,
 * one level-1 table, four level-2 tables of 2 MiB blocks (one per GiB) and one level-3 table for the first
 * 2 MiB, written below the boot info.
 */
public final class Arm64PageTables {
    public static final long PGD = 0x1000;
    public static final long PUD = 0x2000;
    /** Four consecutive level-2 tables, one per GiB of RAM. */
    public static final long PMD = 0x3000;
    public static final long PTE = 0x7000;
    public static final long END = 0x8000;

    static final long PAGE_4K = 0x1000;
    static final long BLOCK_2M = 0x200000;
    static final long BLOCK_1G = 0x40000000;

    /** A next-level table descriptor: valid, table. */
    static final long TABLE = 0x3;
    /** The 1 GiB block over the hypercall window: Device-nGnRE, accessed, inner shareable, never executable. */
    static final long DEVICE_BLOCK = 0x0060000000000705L;
    /** A 2 MiB block of RAM: Normal write-back, accessed, inner shareable, read-write and executable at EL1. */
    static final long RAM_BLOCK = 0x0040000000000711L;
    /** A read-only 4 KiB page of RAM (AP[2] set), never executable: what lies below 1 MiB but above 64 KiB. */
    static final long RO_PAGE = 0x0060000000000793L;
    /** A read-write, EL1-executable 4 KiB page of RAM (the first image megabyte). */
    static final long RW_PAGE = 0x0040000000000713L;

    /** The first 64 KiB stay unmapped, so that null pointers fault; the next 960 KiB are read-only. */
    static final int FIRST_MAPPED_PAGE = 16;
    static final int FIRST_WRITABLE_PAGE = 256;
    static final int ENTRIES = 512;
    static final int PMD_TABLES = 4;

    private Arm64PageTables() {
    }

    /**
     * Writes every table for a guest whose memory (ring included) is {@code mem.allocationSize()} bytes: a
     * multiple of 2 MiB, at most 4 GiB.
     */
    public static void write(GuestMemory mem) {
        long size = mem.allocationSize();
        if (size % BLOCK_2M != 0 || size < BLOCK_2M || size > PMD_TABLES * BLOCK_1G) {
            throw new IllegalArgumentException("guest memory size " + size);
        }
        ByteBuffer t = ByteBuffer.allocate((int) (END - PGD)).order(ByteOrder.LITTLE_ENDIAN);
        entry(t, PGD, 0, PUD | TABLE);
        for (int i = 0; i * BLOCK_1G < size; i++) {
            entry(t, PUD, i, (PMD + i * PAGE_4K) | TABLE);
        }
        entry(t, PUD, PMD_TABLES, Arm64HvtArch.MMIO_BASE | DEVICE_BLOCK);
        entry(t, PMD, 0, PTE | TABLE);
        for (int k = 1; k * BLOCK_2M < size; k++) {
            entry(t, PMD, k, k * BLOCK_2M | RAM_BLOCK);
        }
        for (int i = FIRST_MAPPED_PAGE; i < ENTRIES; i++) {
            entry(t, PTE, i, i * PAGE_4K | (i < FIRST_WRITABLE_PAGE ? RO_PAGE : RW_PAGE));
        }
        mem.write(PGD, t.array());
    }

    /** Entry {@code index} of the table at {@code table}; the level-2 tables are indexed as one array. */
    private static void entry(ByteBuffer tables, long table, int index, long value) {
        tables.putLong((int) (table - PGD) + 8 * index, value);
    }
}
