package dev.tender.hvt.arch.aarch64;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.Vm;
import dev.tender.hvt.sys.KvmArm64;
import dev.tender.hvt.sys.KvmArm64.RegId;

/**
 * docs/abi.md, "aarch64": page tables, the preferred vCPU target, FP/SIMD enabled, MMU registers, then the core
 * registers, in solo5-hvt's order; between initialisation and the registers, the counter frequency probe runs
 * and the vCPU is reset again.
 */
final class Arm64VcpuSetup {
    /** CPACR_EL1.FPEN = 0b11: FP and SIMD instructions are not trapped at EL1 or EL0. */
    static final long CPACR_FPEN = 0x3L << 20;
    /** Attributes 0-5: Device-nGnRnE, Device-nGnRE, Device-GRE, Normal non-cacheable, Normal WB, Normal WT. */
    static final long MAIR = 0x0000BBFF440C0400L;
    /** 40-bit VA and PA, 4 KiB granule, write-back walks, inner shareable, 16-bit ASIDs, top byte ignored. */
    static final long TCR = 0x00000032B5183518L;
    /** MMU, data cache and instruction cache on; every other bit, RES1 included, zero. */
    static final long SCTLR = 0x1005L;
    /** EL1 with SP_EL1, debug, SError, IRQ and FIQ masked. */
    static final long PSTATE = 0x3C5L;
    /** The stack starts 16 bytes below the top of guest-visible memory (AAPCS64 alignment). */
    static final long STACK_GAP = 16;

    private Arm64VcpuSetup() {
    }

    /** Returns the counter frequency in Hz. */
    static long run(Vm vm, Vcpu vcpu, GuestMemory mem, long entry) throws TenderException, ErrnoException {
        Arm64PageTables.write(mem);
        long hz;
        try (NativeMemory init = new NativeMemory(KvmArm64.VcpuInit.SIZE)) {
            vm.armPreferredTarget(init);
            vcpu.armInit(init);
            hz = Arm64CounterProbe.read(vcpu, mem);
            vcpu.armInit(init);
        }
        vcpu.setOneReg(RegId.CPACR_EL1, vcpu.getOneReg(RegId.CPACR_EL1) | CPACR_FPEN);
        vcpu.setOneReg(RegId.MAIR_EL1, MAIR);
        vcpu.setOneReg(RegId.TCR_EL1, TCR);
        vcpu.setOneReg(RegId.TTBR0_EL1, Arm64PageTables.PGD);
        vcpu.setOneReg(RegId.SCTLR_EL1, SCTLR);
        core(vcpu, RegId.PSTATE, PSTATE, "Initialize spsr[EL1] failed!");
        core(vcpu, RegId.SP_EL1, mem.size() - STACK_GAP, "Initialize sp[EL1] failed!");
        core(vcpu, RegId.x(0), Arm64HvtArch.BOOT_INFO, "Set boot info to x0 failed!");
        core(vcpu, RegId.PC, entry, "Set guest reset entry to PC failed!");
        return hz;
    }

    /** A core register; its failure is worded as solo5-hvt words it (a newline, then the reason). */
    private static void core(Vcpu vcpu, long id, long value, String failure) throws TenderException {
        try {
            vcpu.setOneReg(id, value);
        } catch (ErrnoException e) {
            throw new TenderException(failure + "\n: " + e.reason());
        }
    }
}
