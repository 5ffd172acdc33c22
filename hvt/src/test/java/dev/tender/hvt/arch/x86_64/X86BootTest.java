package dev.tender.hvt.arch.x86_64;

import dev.tender.hvt.sys.KvmX86;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmX86.Regs;
import dev.tender.hvt.sys.KvmX86.Sregs;
import org.junit.jupiter.api.Test;

class X86BootTest {
    private static final long MIB = 1L << 20;

    @Test
    void pageTablesMapTheWholeAllocationAndNothingMore() throws Exception {
        try (GuestMemory mem = GuestMemory.allocate(10 * MIB)) {
            X86Boot.writePageTables(mem);
            assertThat(mem.getLong(0x2000)).isEqualTo(0x3003L);
            assertThat(mem.getLong(0x2008)).isZero();
            for (int i = 0; i < 4; i++) {
                assertThat(mem.getLong(0x3000 + 8 * i)).isEqualTo(0x4003L + 0x1000L * i);
            }
            assertThat(mem.getLong(0x4000)).isEqualTo(0x8003L);
            assertThat(mem.getLong(0x4008)).isEqualTo(0x200083L);
            assertThat(mem.getLong(0x4020)).isEqualTo(0x800083L);
            assertThat(mem.getLong(0x4028)).as("5th 2 MiB page is beyond 10 MiB").isZero();
            assertThat(mem.getLong(0x8000)).as("zero page unmapped").isZero();
            assertThat(mem.getLong(0x8000 + 8 * 15)).isZero();
            assertThat(mem.getLong(0x8000 + 8 * 16)).isEqualTo(0x10001L);
            assertThat(mem.getLong(0x8000 + 8 * 255)).isEqualTo(0xFF001L);
            assertThat(mem.getLong(0x8000 + 8 * 256)).isEqualTo(0x100003L);
            assertThat(mem.getLong(0x8000 + 8 * 511)).isEqualTo(0x1FF003L);
        }
    }

    @Test
    void fourGigabytesFillAllFourPageDirectories() throws Exception {
        try (GuestMemory mem = GuestMemory.allocate(4096 * MIB)) {
            X86Boot.writePageTables(mem);
            assertThat(mem.getLong(0x4000 + 8 * 2047)).isEqualTo(2047 * 0x200000L | 0x83);
        }
    }

    @Test
    void gdtAndRegisters() throws Exception {
        try (GuestMemory mem = GuestMemory.allocate(2 * MIB);
                NativeMemory sregs = new NativeMemory(Sregs.SIZE);
                NativeMemory regs = new NativeMemory(Regs.SIZE)) {
            X86Boot.writeGdt(mem);
            assertThat(mem.getLong(0x1008)).isEqualTo(0x00AF99000000FFFFL);
            assertThat(mem.getLong(0x1010)).isEqualTo(0x00CF93000000FFFFL);
            X86Boot.fillSregs(sregs);
            assertThat(sregs.getLong(Sregs.CR0)).isEqualTo(0x80010021L);
            assertThat(sregs.getLong(Sregs.CR4)).isEqualTo(0x620L);
            assertThat(sregs.getLong(Sregs.EFER)).isEqualTo(0x500L);
            assertThat(sregs.getShort(Sregs.CS + Sregs.SEG_SELECTOR)).isEqualTo((short) 8);
            assertThat(sregs.getByte(Sregs.CS + Sregs.SEG_L)).isEqualTo((byte) 1);
            assertThat(sregs.getByte(Sregs.SS + Sregs.SEG_DB)).isEqualTo((byte) 1);
            assertThat(sregs.getByte(Sregs.TR + Sregs.SEG_TYPE)).isEqualTo((byte) 11);
            assertThat(sregs.getByte(Sregs.LDT + Sregs.SEG_UNUSABLE)).isEqualTo((byte) 1);
            assertThat(sregs.getShort(Sregs.GDT + Sregs.DTABLE_LIMIT)).isEqualTo((short) 23);
            X86Boot.fillRegs(regs, 0x100040, 0x20000000L);
            assertThat(regs.getLong(Regs.RSP)).isEqualTo(0x20000000L - 8);
            assertThat(regs.getLong(Regs.RDI)).isEqualTo(0x10000L);
            assertThat(regs.getLong(Regs.RFLAGS)).isEqualTo(2L);
        }
    }
}
