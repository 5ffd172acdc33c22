package dev.tender.hvt.arch.aarch64;

import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.sys.KvmArm64.RegId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * gdb's aarch64 core register block ({@code g}/{@code G}): x0-x30, sp and pc as 64-bit values, then cpsr as
 * 32-bit. The floating-point registers are not sent (gdb reads them as unavailable). {@code sp} is the stack
 * pointer the guest is using: SP_EL1 at EL1 with SPSel set (where Solo5 guests run), SP_EL0 otherwise.
 */
final class Arm64GdbRegisters {
    private static final int GPRS = 31;
    static final int SIZE = (GPRS + 2) * 8 + 4;
    /** PSTATE.M[3:0] = EL1h: EL1 using SP_EL1. */
    private static final long MODE_MASK = 0xF;
    private static final long EL1H = 0b0101;

    private Arm64GdbRegisters() {
    }

    /** The core registers as one vCPU read them: x0-x30, the stack pointer in use, pc and pstate. */
    record Snapshot(long[] x, long sp, long pc, long pstate) {
    }

    static Snapshot snapshot(Vcpu vcpu) throws ErrnoException {
        long[] x = new long[GPRS];
        for (int n = 0; n < GPRS; n++) {
            x[n] = vcpu.getOneReg(RegId.x(n));
        }
        long pstate = vcpu.getOneReg(RegId.PSTATE);
        return new Snapshot(x, vcpu.getOneReg(stackPointer(pstate)), vcpu.getOneReg(RegId.PC), pstate);
    }

    static byte[] read(Vcpu vcpu) throws ErrnoException {
        Snapshot s = snapshot(vcpu);
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : s.x()) {
            b.putLong(v);
        }
        b.putLong(s.sp());
        b.putLong(s.pc());
        b.putInt((int) s.pstate());
        return b.array();
    }

    /** Sets x0-x30, sp and pc from a block that holds them all; cpsr too if the block has it. */
    static void write(Vcpu vcpu, byte[] block) throws ErrnoException {
        if (block.length < (GPRS + 2) * 8) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < GPRS; n++) {
            vcpu.setOneReg(RegId.x(n), b.getLong());
        }
        long pstate = vcpu.getOneReg(RegId.PSTATE);
        vcpu.setOneReg(stackPointer(pstate), b.getLong());
        vcpu.setOneReg(RegId.PC, b.getLong());
        if (b.remaining() >= 4) {
            vcpu.setOneReg(RegId.PSTATE, Integer.toUnsignedLong(b.getInt()));
        }
    }

    static long stackPointer(long pstate) {
        return (pstate & MODE_MASK) == EL1H ? RegId.SP_EL1 : RegId.SP_EL0;
    }
}
