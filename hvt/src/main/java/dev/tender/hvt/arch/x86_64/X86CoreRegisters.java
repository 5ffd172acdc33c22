package dev.tender.hvt.arch.x86_64;

import dev.tender.core.mem.GuestMemory;
import dev.tender.hvt.debug.core.CoreLayout;
import dev.tender.hvt.sys.KvmX86.Regs;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The x86_64 part of a guest core file: its {@link CoreLayout} and the {@code pr_reg} bytes, a
 * {@code struct user_regs_struct} built from what KVM_GET_REGS and KVM_GET_SREGS return (checked against the
 * x86_64 sys/procfs.h and sys/user.h by CoreRegisterLayoutTest).
 */
public final class X86CoreRegisters {
    /** EM_X86_64; struct elf_prstatus is 336 bytes, pr_reg (27 registers) at 112. */
    public static final CoreLayout LAYOUT = new CoreLayout(62, 336, 112, UserRegs.SIZE);

    private X86CoreRegisters() {
    }

    /** Byte offsets of struct user_regs_struct (sys/user.h): 27 unsigned 64-bit fields. */
    public static final class UserRegs {
        public static final int SIZE = 216;
        public static final int R15 = 0;
        public static final int R14 = 8;
        public static final int R13 = 16;
        public static final int R12 = 24;
        public static final int RBP = 32;
        public static final int RBX = 40;
        public static final int R11 = 48;
        public static final int R10 = 56;
        public static final int R9 = 64;
        public static final int R8 = 72;
        public static final int RAX = 80;
        public static final int RCX = 88;
        public static final int RDX = 96;
        public static final int RSI = 104;
        public static final int RDI = 112;
        public static final int ORIG_RAX = 120;
        public static final int RIP = 128;
        public static final int CS = 136;
        public static final int EFLAGS = 144;
        public static final int RSP = 152;
        public static final int SS = 160;
        public static final int FS_BASE = 168;
        public static final int GS_BASE = 176;
        public static final int DS = 184;
        public static final int ES = 192;
        public static final int FS = 200;
        public static final int GS = 208;

        private UserRegs() {
        }
    }

    /**
     * The frame the Solo5 x86_64 trap handler saves and hands to {@code solo5_abort} as its cookie: seven
     * unsigned 64-bit fields in this order. It holds the registers of the instruction that trapped.
     */
    public record TrapFrame(long cr2, long ec, long rip, long cs, long rflags, long rsp, long ss) {
        public static final int SIZE = 56;

        /**
         * Reads the frame at guest address {@code gpa}, or returns null when {@code [gpa, gpa + 56)} is not
         * guest-visible memory by Solo5's range rule (the address comes from the guest and is not trusted).
         */
        public static TrapFrame read(GuestMemory mem, long gpa) {
            if (!GuestMemory.isValidRange(gpa, SIZE, mem.size())) {
                return null;
            }
            return new TrapFrame(mem.getLong(gpa), mem.getLong(gpa + 8), mem.getLong(gpa + 16),
                    mem.getLong(gpa + 24), mem.getLong(gpa + 32), mem.getLong(gpa + 40), mem.getLong(gpa + 48));
        }
    }

    /**
     * Builds pr_reg from a {@code struct kvm_regs} and a {@code struct kvm_sregs} (each read from index 0 of its
     * buffer, little-endian whatever the buffer's order): the sixteen general registers, rip and rflags, the six
     * segment selectors and the fs and gs bases. With a {@code frame} (null for none), rip, cs, eflags, rsp and
     * ss are the frame's instead: where the guest trapped, not where it called abort. orig_rax is 0.
     */
    public static byte[] prReg(ByteBuffer kvmRegs, ByteBuffer kvmSregs, TrapFrame frame) {
        ByteBuffer r = littleEndian(kvmRegs, Regs.SIZE, "kvm_regs");
        ByteBuffer s = littleEndian(kvmSregs, Sregs.SIZE, "kvm_sregs");
        ByteBuffer u = ByteBuffer.allocate(UserRegs.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        u.putLong(UserRegs.R15, r.getLong(Regs.R15));
        u.putLong(UserRegs.R14, r.getLong(Regs.R14));
        u.putLong(UserRegs.R13, r.getLong(Regs.R13));
        u.putLong(UserRegs.R12, r.getLong(Regs.R12));
        u.putLong(UserRegs.RBP, r.getLong(Regs.RBP));
        u.putLong(UserRegs.RBX, r.getLong(Regs.RBX));
        u.putLong(UserRegs.R11, r.getLong(Regs.R11));
        u.putLong(UserRegs.R10, r.getLong(Regs.R10));
        u.putLong(UserRegs.R9, r.getLong(Regs.R9));
        u.putLong(UserRegs.R8, r.getLong(Regs.R8));
        u.putLong(UserRegs.RAX, r.getLong(Regs.RAX));
        u.putLong(UserRegs.RCX, r.getLong(Regs.RCX));
        u.putLong(UserRegs.RDX, r.getLong(Regs.RDX));
        u.putLong(UserRegs.RSI, r.getLong(Regs.RSI));
        u.putLong(UserRegs.RDI, r.getLong(Regs.RDI));
        u.putLong(UserRegs.FS_BASE, s.getLong(Sregs.FS + Sregs.SEG_BASE));
        u.putLong(UserRegs.GS_BASE, s.getLong(Sregs.GS + Sregs.SEG_BASE));
        u.putLong(UserRegs.DS, selector(s, Sregs.DS));
        u.putLong(UserRegs.ES, selector(s, Sregs.ES));
        u.putLong(UserRegs.FS, selector(s, Sregs.FS));
        u.putLong(UserRegs.GS, selector(s, Sregs.GS));
        if (frame == null) {
            u.putLong(UserRegs.RIP, r.getLong(Regs.RIP));
            u.putLong(UserRegs.CS, selector(s, Sregs.CS));
            u.putLong(UserRegs.EFLAGS, r.getLong(Regs.RFLAGS));
            u.putLong(UserRegs.RSP, r.getLong(Regs.RSP));
            u.putLong(UserRegs.SS, selector(s, Sregs.SS));
        } else {
            u.putLong(UserRegs.RIP, frame.rip());
            u.putLong(UserRegs.CS, frame.cs());
            u.putLong(UserRegs.EFLAGS, frame.rflags());
            u.putLong(UserRegs.RSP, frame.rsp());
            u.putLong(UserRegs.SS, frame.ss());
        }
        return u.array();
    }

    private static long selector(ByteBuffer sregs, int segment) {
        return Short.toUnsignedLong(sregs.getShort(segment + Sregs.SEG_SELECTOR));
    }

    private static ByteBuffer littleEndian(ByteBuffer b, int size, String what) {
        if (b.limit() < size) {
            throw new IllegalArgumentException(what + " is " + b.limit() + " bytes, not " + size);
        }
        return b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
