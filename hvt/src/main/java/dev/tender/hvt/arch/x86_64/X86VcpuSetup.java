package dev.tender.hvt.arch.x86_64;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.kvm.Kvm;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.sys.KvmX86;

/** docs/abi.md §5.3: GDT, page tables, CPUID, SREGS, TSC frequency and REGS, in solo5-hvt's order. */
final class X86VcpuSetup {
    /** Leaves Solo5 asks KVM_GET_SUPPORTED_CPUID for. */
    private static final int CPUID_ENTRIES = 100;
    /** Where the E2BIG retries stop: KVM's own limit on cpuid entries is far lower. */
    private static final int CPUID_ENTRIES_MAX = 4096;

    private X86VcpuSetup() {
    }

    /** Returns the TSC frequency in Hz. */
    static long run(Kvm kvm, Vcpu vcpu, GuestMemory mem, long entry) throws TenderException, ErrnoException {
        X86Boot.writeGdt(mem);
        X86Boot.writePageTables(mem);
        try (NativeMemory cpuid = supportedCpuid(kvm)) {
            CpuidPolicy.applyTo(cpuid);
            vcpu.setCpuid(cpuid);
        }
        try (NativeMemory sregs = new NativeMemory(KvmX86.Sregs.SIZE)) {
            X86Boot.fillSregs(sregs);
            vcpu.setSregs(sregs);
        }
        long freq = tscFrequency(kvm, vcpu);
        try (NativeMemory regs = new NativeMemory(KvmX86.Regs.SIZE)) {
            X86Boot.fillRegs(regs, entry, mem.size());
            vcpu.setRegs(regs);
        }
        return freq;
    }

    private static long tscFrequency(Kvm kvm, Vcpu vcpu) throws TenderException, ErrnoException {
        if (kvm.checkExtension(KvmX86.KVM_CAP_GET_TSC_KHZ) != 1) {
            throw new TenderException("KVM: host does not support KVM_CAP_GET_TSC_KHZ");
        }
        try {
            return vcpu.tscKhz() * 1000L;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EIO) {
                throw new TenderException("KVM: host TSC is unstable, cannot continue");
            }
            throw e;
        }
    }

    /**
     * KVM_GET_SUPPORTED_CPUID with room for 100 leaves, as Solo5 asks; a host with more (E2BIG) gets a larger
     * buffer instead of a failure.
     */
    private static NativeMemory supportedCpuid(Kvm kvm) throws ErrnoException {
        for (int entries = CPUID_ENTRIES; ; entries *= 2) {
            try {
                return kvm.supportedCpuid(entries);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.E2BIG || entries >= CPUID_ENTRIES_MAX) {
                    throw e;
                }
            }
        }
    }
}
