package dev.tender.hvt.arch.x86_64;

import dev.tender.hvt.sys.KvmX86;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmX86.Regs;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** x86_64 boot state written by the tender: GDT, identity page tables, initial registers (docs/abi.md §4.3, §5). */
public final class X86Boot {
    public static final long GDT = 0x1000;
    public static final long PML4 = 0x2000;
    public static final long PDPT = 0x3000;
    public static final long PD = 0x4000;
    public static final long PT0 = 0x8000;
    public static final long TABLES_END = 0x9000;
    public static final long BOOT_INFO = 0x10000;
    private static final long PAGE_2M = 0x200000;
    private static final long P = 0x1;
    private static final long RW = 0x2;
    private static final long PS = 0x80;
    private static final int SEL_CODE = 0x08;
    private static final int SEL_DATA = 0x10;

    private X86Boot() {
    }

    /** Writes the three-entry boot GDT at 0x1000. */
    public static void writeGdt(GuestMemory mem) {
        mem.putLong(GDT, 0);
        mem.putLong(GDT + 8, 0x00AF99000000FFFFL);
        mem.putLong(GDT + 16, 0x00CF93000000FFFFL);
    }

    /** Writes PML4, PDPT, PD0..3 and PT0, mapping the whole allocation (one buffer, one copy). */
    public static void writePageTables(GuestMemory mem) {
        long size = mem.allocationSize();
        if (size % PAGE_2M != 0 || size < PAGE_2M || size > 4L << 30) {
            throw new IllegalArgumentException("guest memory size " + size);
        }
        ByteBuffer t = ByteBuffer.allocate((int) (TABLES_END - PML4)).order(ByteOrder.LITTLE_ENDIAN);
        t.putLong((int) (PML4 - PML4), PDPT | P | RW);
        for (int i = 0; i < 4; i++) {
            t.putLong((int) (PDPT - PML4) + 8 * i, (PD + 0x1000L * i) | P | RW);
        }
        t.putLong((int) (PD - PML4), PT0 | P | RW);
        for (long k = 1; k * PAGE_2M < size; k++) {
            t.putLong((int) (PD - PML4 + 8 * k), (k * PAGE_2M) | P | RW | PS);
        }
        for (int i = 16; i < 512; i++) {
            long flags = i < 256 ? P : P | RW;
            t.putLong((int) (PT0 - PML4) + 8 * i, (i * 0x1000L) | flags);
        }
        mem.write(PML4, t.array());
    }

    /** Fills a zeroed kvm_sregs for 64-bit long mode with paging at PML4 (docs/abi.md §5.3 step 3). */
    public static void fillSregs(NativeMemory s) {
        s.clear();
        s.putLong(Sregs.CR0, 0x80010021L);
        s.putLong(Sregs.CR3, PML4);
        s.putLong(Sregs.CR4, 0x620L);
        s.putLong(Sregs.EFER, 0x500L);
        segment(s, Sregs.CS, SEL_CODE, 9, 0, 1);
        for (int off : new int[] {Sregs.SS, Sregs.DS, Sregs.ES, Sregs.FS, Sregs.GS}) {
            segment(s, off, SEL_DATA, 3, 1, 0);
        }
        s.putByte(Sregs.TR + Sregs.SEG_TYPE, (byte) 11);
        s.putByte(Sregs.TR + Sregs.SEG_PRESENT, (byte) 1);
        s.putByte(Sregs.LDT + Sregs.SEG_UNUSABLE, (byte) 1);
        s.putLong(Sregs.GDT + Sregs.DTABLE_BASE, GDT);
        s.putShort(Sregs.GDT + Sregs.DTABLE_LIMIT, (short) 23);
    }

    private static void segment(NativeMemory s, int off, int selector, int type, int db, int l) {
        s.putLong(off + Sregs.SEG_BASE, 0);
        s.putInt(off + Sregs.SEG_LIMIT, 0xFFFFFFFF);
        s.putShort(off + Sregs.SEG_SELECTOR, (short) selector);
        s.putByte(off + Sregs.SEG_TYPE, (byte) type);
        s.putByte(off + Sregs.SEG_PRESENT, (byte) 1);
        s.putByte(off + Sregs.SEG_DB, (byte) db);
        s.putByte(off + Sregs.SEG_S, (byte) 1);
        s.putByte(off + Sregs.SEG_L, (byte) l);
        s.putByte(off + Sregs.SEG_G, (byte) 1);
    }

    /** Fills a zeroed kvm_regs: RIP = entry, RSP = visible size − 8, RDI = boot info, RFLAGS = 0x2. */
    public static void fillRegs(NativeMemory r, long entry, long visibleSize) {
        r.clear();
        r.putLong(Regs.RIP, entry);
        r.putLong(Regs.RFLAGS, 0x2);
        r.putLong(Regs.RSP, visibleSize - 8);
        r.putLong(Regs.RDI, BOOT_INFO);
    }
}
