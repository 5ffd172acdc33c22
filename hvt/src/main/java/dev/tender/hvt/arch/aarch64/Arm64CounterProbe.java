package dev.tender.hvt.arch.aarch64;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmArm64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the generic timer's frequency (CNTFRQ_EL0) as the guest will see it. Java cannot execute {@code mrs},
 * and Linux exposes the value nowhere, so a three-instruction program runs on the freshly initialised vCPU
 * before the real guest exists: it reads the register and stores it, 8 bytes, to an address in the MMIO
 * window, which KVM reports as an MMIO exit carrying the value. The program lives in the first, never-mapped
 * page of guest memory and is wiped afterwards; the caller then resets the vCPU.
 */
final class Arm64CounterProbe {
    /** Where the program is written: below the page tables, a page the guest's own map leaves unmapped. */
    static final long CODE = 0x0;
    /** {@code mrs x1, cntfrq_el0}. */
    static final int MRS_X1_CNTFRQ = 0xD53BE001;
    /** {@code str x1, [x2]}. */
    static final int STR_X1_AT_X2 = 0xF9000041;
    /** {@code b .}: never reached, but a stray return to the program spins instead of running off. */
    static final int BRANCH_TO_SELF = 0x14000000;
    /** Signals may interrupt KVM_RUN before the store; more attempts than this means something is wrong. */
    private static final int MAX_RUNS = 1000;

    private Arm64CounterProbe() {
    }

    /** The program's bytes, little-endian as the guest fetches them. */
    static byte[] program() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        return b.putInt(MRS_X1_CNTFRQ).putInt(STR_X1_AT_X2).putInt(BRANCH_TO_SELF).array();
    }

    /** Runs the program on {@code vcpu} (just initialised, MMU off) and returns CNTFRQ_EL0 in Hz. */
    static long read(Vcpu vcpu, GuestMemory mem) throws TenderException, ErrnoException {
        byte[] code = program();
        mem.write(CODE, code);
        try {
            vcpu.setOneReg(KvmArm64.RegId.PC, CODE);
            vcpu.setOneReg(KvmArm64.RegId.x(2), Arm64HvtArch.PROBE_ADDRESS);
            for (int i = 0; i < MAX_RUNS; i++) {
                VmExit exit = vcpu.run();
                if (exit instanceof VmExit.Interrupted) {
                    continue;
                }
                long hz = frequency(exit);
                vcpu.completePendingExit();
                return hz;
            }
            throw new TenderException("KVM: counter frequency probe interrupted " + MAX_RUNS + " times");
        } finally {
            mem.write(CODE, new byte[code.length]);
        }
    }

    /** The stored value, if {@code exit} is the program's store; otherwise the probe failed. */
    static long frequency(VmExit exit) throws TenderException {
        if (exit instanceof VmExit.Mmio mmio && mmio.write() && mmio.length() == 8
                && mmio.address() == Arm64HvtArch.PROBE_ADDRESS) {
            return mmio.data();
        }
        throw new TenderException("KVM: counter frequency probe failed: unexpected exit " + exit);
    }
}
