package dev.tender.hvt.arch.x86_64;

import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmX86.Cpuid;

/**
 * What the guest's CPUID shows, beyond what solo5-hvt does (it passes KVM_GET_SUPPORTED_CPUID through as it
 * is): features no unikernel uses and that only widen what a guest can reach in the host's KVM are hidden.
 * Hardware virtualisation (VMX, SVM and its leaf), the secure-launch and enclave families (SMX, SKINIT, SGX
 * and its leaf), memory encryption (SEV/SME leaf), and the performance-monitoring, tracing and debug-store
 * features (PDCM, DS, DTES64, DS-CPL, IBS, processor trace, the architectural PMU leaf) as well as thermal and
 * power management (EST, TM, TM2, ACPI, PBE and the power leaf). Everything the Solo5 runtime and compilers
 * rely on (the x86-64 baseline, SSE/AVX, XSAVE, RDRAND/RDSEED, TSC and invariant TSC) is left alone. The
 * table is docs/hvt.md's "CPUID" list.
 */
final class CpuidPolicy {
    /** One kvm_cpuid_entry2 (docs/abi.md §5.3): leaf, subleaf, KVM flags and the four registers. */
    record Entry(int function, int index, int flags, int eax, int ebx, int ecx, int edx) {
    }

    static final int LEAF_FEATURES = 0x1;
    static final int LEAF_POWER = 0x6;
    static final int LEAF_EXTENDED_FEATURES = 0x7;
    static final int LEAF_PERFMON = 0xA;
    static final int LEAF_SGX = 0x12;
    static final int LEAF_PROCESSOR_TRACE = 0x14;
    static final int LEAF_AMD_FEATURES = 0x8000_0001;
    static final int LEAF_SVM = 0x8000_000A;
    static final int LEAF_MEMORY_ENCRYPTION = 0x8000_001F;

    /** Leaf 1 ECX: DTES64, DS-CPL, VMX, SMX, EST, TM2, PDCM. */
    static final int HIDDEN_1_ECX = bit(2) | bit(4) | bit(5) | bit(6) | bit(7) | bit(8) | bit(15);
    /** Leaf 1 EDX: DS, ACPI, TM, PBE. */
    static final int HIDDEN_1_EDX = bit(21) | bit(22) | bit(29) | bit(31);
    /** Leaf 7.0 EBX: SGX, processor trace. */
    static final int HIDDEN_7_EBX = bit(2) | bit(25);
    /** Leaf 7.0 ECX: SGX launch control. */
    static final int HIDDEN_7_ECX = bit(30);
    /** Leaf 0x80000001 ECX: SVM, IBS, SKINIT. */
    static final int HIDDEN_AMD_ECX = bit(2) | bit(10) | bit(12);

    private CpuidPolicy() {
    }

    private static int bit(int n) {
        return 1 << n;
    }

    /** The entry as the guest sees it. */
    static Entry apply(Entry e) {
        switch (e.function()) {
            case LEAF_FEATURES:
                return new Entry(e.function(), e.index(), e.flags(), e.eax(), e.ebx(), e.ecx() & ~HIDDEN_1_ECX,
                        e.edx() & ~HIDDEN_1_EDX);
            case LEAF_EXTENDED_FEATURES:
                if (e.index() != 0) {
                    return e;
                }
                return new Entry(e.function(), e.index(), e.flags(), e.eax(), e.ebx() & ~HIDDEN_7_EBX,
                        e.ecx() & ~HIDDEN_7_ECX, e.edx());
            case LEAF_AMD_FEATURES:
                return new Entry(e.function(), e.index(), e.flags(), e.eax(), e.ebx(), e.ecx() & ~HIDDEN_AMD_ECX,
                        e.edx());
            case LEAF_POWER:
            case LEAF_PERFMON:
            case LEAF_SGX:
            case LEAF_PROCESSOR_TRACE:
            case LEAF_SVM:
            case LEAF_MEMORY_ENCRYPTION:
                return new Entry(e.function(), e.index(), e.flags(), 0, 0, 0, 0);
            default:
                return e;
        }
    }

    /** Applies the policy to every entry of a kvm_cpuid2 buffer filled by KVM_GET_SUPPORTED_CPUID. */
    static void applyTo(NativeMemory cpuid2) {
        int n = cpuid2.getInt(Cpuid.NENT);
        for (int i = 0; i < n; i++) {
            long at = Cpuid.HEADER + (long) i * Cpuid.ENTRY_SIZE;
            Entry in = new Entry(cpuid2.getInt(at + Cpuid.FUNCTION), cpuid2.getInt(at + Cpuid.INDEX),
                    cpuid2.getInt(at + Cpuid.FLAGS), cpuid2.getInt(at + Cpuid.EAX), cpuid2.getInt(at + Cpuid.EBX),
                    cpuid2.getInt(at + Cpuid.ECX), cpuid2.getInt(at + Cpuid.EDX));
            Entry out = apply(in);
            cpuid2.putInt(at + Cpuid.EAX, out.eax());
            cpuid2.putInt(at + Cpuid.EBX, out.ebx());
            cpuid2.putInt(at + Cpuid.ECX, out.ecx());
            cpuid2.putInt(at + Cpuid.EDX, out.edx());
        }
    }
}
