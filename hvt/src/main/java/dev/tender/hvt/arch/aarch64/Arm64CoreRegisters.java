package dev.tender.hvt.arch.aarch64;

import dev.tender.hvt.debug.core.CoreLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The aarch64 part of a guest core file: its {@link CoreLayout} and the {@code pr_reg} bytes, a
 * {@code struct user_pt_regs} (checked against the aarch64 sys/procfs.h and asm/ptrace.h by
 * CoreRegisterLayoutTest).
 */
public final class Arm64CoreRegisters {
    /** EM_AARCH64; struct elf_prstatus is 392 bytes, pr_reg (34 registers) at 112. */
    public static final CoreLayout LAYOUT = new CoreLayout(183, 392, 112, UserPtRegs.SIZE);

    private Arm64CoreRegisters() {
    }

    /** Byte offsets of struct user_pt_regs (asm/ptrace.h): regs[31], sp, pc, pstate, all unsigned 64-bit. */
    public static final class UserPtRegs {
        public static final int GENERAL_REGISTERS = 31;
        public static final int SIZE = 272;
        public static final int SP = 248;
        public static final int PC = 256;
        public static final int PSTATE = 264;

        private UserPtRegs() {
        }

        /** Offset of regs[n], general register Xn. */
        public static int x(int n) {
            if (n < 0 || n >= GENERAL_REGISTERS) {
                throw new IllegalArgumentException("x" + n);
            }
            return 8 * n;
        }
    }

    /**
     * Builds pr_reg from x0..x30 ({@code x}, 31 values), the stack pointer the guest was using (SP_EL1 for a
     * Solo5 guest, which runs at EL1 on its own stack), pc and pstate.
     */
    public static byte[] prReg(long[] x, long sp, long pc, long pstate) {
        if (x.length != UserPtRegs.GENERAL_REGISTERS) {
            throw new IllegalArgumentException(x.length + " general registers, not " + UserPtRegs.GENERAL_REGISTERS);
        }
        ByteBuffer u = ByteBuffer.allocate(UserPtRegs.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < x.length; n++) {
            u.putLong(UserPtRegs.x(n), x[n]);
        }
        u.putLong(UserPtRegs.SP, sp);
        u.putLong(UserPtRegs.PC, pc);
        u.putLong(UserPtRegs.PSTATE, pstate);
        return u.array();
    }
}
