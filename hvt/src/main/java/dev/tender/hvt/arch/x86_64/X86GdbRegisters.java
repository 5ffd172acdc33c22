package dev.tender.hvt.arch.x86_64;

import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * gdb's amd64 register block ({@code g}/{@code G}): rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8-r15 and rip as
 * 64-bit values; eflags, cs, ss, ds, es, fs, gs as 32-bit; st0-st7 (10 bytes each) and the eight x87 control
 * words (32-bit each), which a unikernel's state does not need and which read as zero.
 */
final class X86GdbRegisters {
    /** Offsets in struct kvm_regs of the 17 64-bit registers in gdb's order (note rbp before rsp). */
    private static final int[] KVM_OFFSETS = {0, 8, 16, 24, 32, 40, 56, 48, 64, 72, 80, 88, 96, 104, 112, 120, 128};
    private static final int KVM_RFLAGS = 136;
    /** struct kvm_sregs offsets of the segments in gdb's order after eflags: cs, ss, ds, es, fs, gs. */
    private static final int[] SEGMENTS = {Sregs.CS, Sregs.SS, Sregs.DS, Sregs.ES, Sregs.FS, Sregs.GS};
    private static final int X87_BYTES = 8 * 10 + 8 * 4;
    static final int SIZE = KVM_OFFSETS.length * 8 + 4 + SEGMENTS.length * 4 + X87_BYTES;
    /** A G block must cover the 64-bit registers and eflags for the tender to apply it. */
    private static final int WRITABLE = KVM_OFFSETS.length * 8 + 4;

    private X86GdbRegisters() {
    }

    static byte[] block(NativeMemory regs, NativeMemory sregs) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int off : KVM_OFFSETS) {
            b.putLong(regs.getLong(off));
        }
        b.putInt((int) regs.getLong(KVM_RFLAGS));
        for (int seg : SEGMENTS) {
            b.putInt(Short.toUnsignedInt(sregs.getShort(seg + Sregs.SEG_SELECTOR)));
        }
        return b.array();
    }

    /**
     * Copies the general registers, rip and eflags of {@code block} into {@code regs}; the segment selectors are
     * not changed (a selector means nothing without its descriptor). Returns false for a block too short to hold
     * them, which leaves {@code regs} as it was.
     */
    static boolean apply(byte[] block, NativeMemory regs) {
        if (block.length < WRITABLE) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        for (int off : KVM_OFFSETS) {
            regs.putLong(off, b.getLong());
        }
        regs.putLong(KVM_RFLAGS, Integer.toUnsignedLong(b.getInt()));
        return true;
    }
}
