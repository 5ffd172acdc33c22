package dev.tender.hvt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.mem.GuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every entry of every table for guests of 2 MiB, 1 GiB, 3 GiB and 4 GiB, against the table in docs/abi.md
 * ("aarch64 page tables"), written out here entry by entry rather than derived from the code under test.
 */
class Arm64PageTablesTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** What docs/abi.md says entry {@code index} of the table at {@code table} holds for {@code size} bytes. */
    private static long expected(long size, long table, int index) {
        if (table == 0x1000) {
            return index == 0 ? 0x2000 | 0x3 : 0;
        }
        if (table == 0x2000) {
            if (index == 4) {
                return 0x100000000L | 0x0060000000000705L;
            }
            return index < 4 && index * GIB < size ? (0x3000 + index * 0x1000L) | 0x3 : 0;
        }
        if (table >= 0x3000 && table < 0x7000) {
            long k = (table - 0x3000) / 0x1000 * 512 + index;
            if (k == 0) {
                return 0x7000 | 0x3;
            }
            return k * 2 * MIB < size ? (k * 2 * MIB) | 0x0040000000000711L : 0;
        }
        if (index < 16) {
            return 0;
        }
        return index * 0x1000L | (index < 256 ? 0x0060000000000793L : 0x0040000000000713L);
    }

    @ParameterizedTest
    @ValueSource(longs = {2 * MIB, 1024 * MIB, 3072 * MIB, 4096 * MIB})
    void everyEntryIsTheDocumentedOne(long size) throws Exception {
        try (GuestMemory mem = GuestMemory.allocate(size)) {
            mem.write(0, new byte[] {(byte) 0xEE});
            mem.write(0x8000, new byte[] {(byte) 0xEE});
            Arm64PageTables.write(mem);
            int mapped = 0;
            for (long table = 0x1000; table < 0x8000; table += 0x1000) {
                for (int i = 0; i < 512; i++) {
                    long want = expected(size, table, i);
                    assertThat(mem.getLong(table + 8L * i)).as("size %d MiB, table 0x%x[%d]", size / MIB, table, i)
                            .isEqualTo(want);
                    mapped += want != 0 ? 1 : 0;
                }
            }
            assertThat(mem.getLong(0) & 0xFF).as("nothing below the tables is written").isEqualTo(0xEE);
            assertThat(mem.getLong(0x8000) & 0xFF).as("nothing above the tables is written").isEqualTo(0xEE);
            long gib = (size + GIB - 1) / GIB;
            assertThat(mapped).as("PGD + PUD tables + MMIO + PMD blocks + PTE pages")
                    .isEqualTo(1 + gib + 1 + 1 + (size / (2 * MIB) - 1) + (512 - 16));
        }
    }

    @Test
    void sizesOutsideTheMapAreRefused() throws Exception {
        try (GuestMemory mem = GuestMemory.allocate(3 * MIB)) {
            assertThatThrownBy(() -> Arm64PageTables.write(mem)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
